//! The ws-* Lambda functions' runtime loop around the route handlers.

use aws_lambda_events::apigw::{ApiGatewayProxyResponse, ApiGatewayWebsocketProxyRequest};
use tracing::Instrument;

use super::{Route, connect, disconnect, message, route_span};
use crate::AppState;

/// Runs a ws-* Lambda function: the state is built once per container, then every event goes to
/// the route's handler.
pub async fn run_lambda(route: Route) -> Result<(), lambda_runtime::Error> {
    crate::telemetry::init();
    let state = AppState::for_events(secrets::config().await?).await?;
    let state = &state;
    lambda_runtime::run(lambda_runtime::service_fn(
        move |event: lambda_runtime::LambdaEvent<ApiGatewayWebsocketProxyRequest>| async move {
            let span = route_span(&event.payload, Some(&event.context.request_id));
            // Boxed: the handlers' futures are deep, and each function only needs one.
            let response = match route {
                Route::Connect => Box::pin(connect(state, event.payload).instrument(span)).await,
                Route::Message => Box::pin(message(state, event.payload).instrument(span)).await,
                Route::Disconnect => {
                    Box::pin(disconnect(state, event.payload).instrument(span)).await
                }
            };
            metrics::flush();
            Ok::<ApiGatewayProxyResponse, lambda_runtime::Error>(response)
        },
    ))
    .await
}
