//! The baseline for function init times in `make bench`: a Lambda function that links only
//! lambda_runtime and tokio and answers every event with null. Built with the same release
//! profile as the real functions, so the difference in init time and size is what they add.
//! An example of the `local` crate rather than a workspace member so that `cargo lambda build`
//! and the SAM template never package it.

use lambda_runtime::{Error, LambdaEvent, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(|_: LambdaEvent<serde_json::Value>| async {
        Ok::<_, Error>(serde_json::Value::Null)
    }))
    .await
}
