//! The fan-out function: posts the events other functions hand it (`realtime::dispatch`), so
//! a sender is answered as soon as the message is stored. The local gateway runs the same
//! handler when its Lambda Invoke API is called.

use realtime::dispatch::Job;
use realtime::fanout::Delivery;

use crate::AppState;

/// Posts one job to its connections.
pub async fn handle(state: &AppState, job: Job) -> Delivery {
    let delivery = state.fanout.run(job).await;
    tracing::info!(
        delivered = delivery.delivered,
        gone = delivery.gone,
        failed = delivery.failed,
        "fan-out job done"
    );
    delivery
}

/// Runs the fan-out Lambda function: the state is built once per container.
pub async fn run_lambda() -> Result<(), lambda_runtime::Error> {
    crate::telemetry::init();
    let state = AppState::for_events(secrets::config().await?).await?;
    let state = &state;
    lambda_runtime::run(lambda_runtime::service_fn(
        move |event: lambda_runtime::LambdaEvent<Job>| async move {
            let delivery = handle(state, event.payload).await;
            metrics::flush();
            Ok::<_, lambda_runtime::Error>(serde_json::json!({
                "delivered": delivery.delivered,
                "gone": delivery.gone,
                "failed": delivery.failed,
            }))
        },
    ))
    .await
}
