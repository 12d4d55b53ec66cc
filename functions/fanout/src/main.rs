//! Fan-out on Lambda: posts the events the other functions hand over (asynchronous Invoke), so
//! they answer without waiting for the audience. The handler is shared with the local gateway.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    api::fanout::run_lambda().await
}
