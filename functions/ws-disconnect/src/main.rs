//! WebSocket `$disconnect` on Lambda: parses the API Gateway event and calls the shared handler.

use aws_lambda_events::apigw::{ApiGatewayProxyResponse, ApiGatewayWebsocketProxyRequest};
use lambda_runtime::{Error, LambdaEvent, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    api::telemetry::init();
    let state = api::AppState::from_env().await?;
    let state = &state;
    lambda_runtime::run(service_fn(
        move |event: LambdaEvent<ApiGatewayWebsocketProxyRequest>| async move {
            Ok::<ApiGatewayProxyResponse, Error>(
                api::websocket::on_disconnect(state, event.payload).await,
            )
        },
    ))
    .await
}
