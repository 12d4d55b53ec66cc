//! Search indexing on Lambda: reads batches of the table's stream (message rows only, by the
//! event source mapping's filter) and keeps the search index in line. The handler is shared
//! with the local gateway, which reads DynamoDB Local's stream the same way.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    api::search_index::run_lambda().await
}
