//! Waiting, with a bound, for what the gateway does after it has answered: a `$disconnect`
//! handled, a dependency back.

use std::time::Duration;

use tokio::time::Instant;

/// Runs `check` every `every` until it is `Ok`, for at most `within`; fails the test with the
/// last `Err` when the time is up.
pub async fn eventually<T>(
    within: Duration,
    every: Duration,
    mut check: impl AsyncFnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + within;
    loop {
        match check().await {
            Ok(value) => return value,
            Err(why) if Instant::now() >= deadline => panic!("{why} (after {within:?})"),
            Err(_) => tokio::time::sleep(every).await,
        }
    }
}
