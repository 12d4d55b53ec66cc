//! The REST API on Lambda: the shared axum router run by lambda_http.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    api::telemetry::init();
    let state = api::AppState::from_env().await?;
    lambda_http::run(api::router(state)).await
}
