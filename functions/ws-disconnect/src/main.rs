//! WebSocket `$disconnect` on Lambda: the shared handler, run by lambda_runtime.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    api::websocket::run_lambda(api::websocket::Route::Disconnect).await
}
