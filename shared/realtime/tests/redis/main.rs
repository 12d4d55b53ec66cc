//! The Redis side of realtime against a real redis-server (`make test` starts one and sets
//! REDIS_URL). Every key a test touches is random, so tests can share the server. One binary,
//! one module per concept of `realtime`; the helpers every module shares live here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod audience;
mod connections;
mod ephemeral;
mod held;
mod presence;
mod ratelimit;
mod revocations;
mod tickets;
mod typing;
mod watch;

use domain::UserId;
use domain::revocation::Grant;
use realtime::Redis;
use realtime::connections::Target;

async fn redis() -> Redis {
    let url = std::env::var("REDIS_URL")
        .expect("REDIS_URL is not set: run the tests with `make test`, which starts redis-server");
    Redis::connect(&url).await.unwrap()
}

/// A new connection id, as API Gateway would give one.
fn connection() -> String {
    ulid::Ulid::new().to_string()
}

/// A grant issued now, of no session family in particular.
fn grant() -> Grant {
    Grant::issued_now("")
}

/// Registers `connection_id` as one of `user`'s, with a grant issued now.
async fn register(redis: &Redis, connection_id: &str, user: UserId) {
    redis
        .register_connection(connection_id, user, &grant())
        .await
        .unwrap();
}

/// Each target's connection and event number, sorted, to compare whatever the order.
fn numbered(targets: Vec<Target>) -> Vec<(String, u64)> {
    let mut numbers: Vec<(String, u64)> = targets
        .into_iter()
        .map(|t| (t.connection_id, t.seq))
        .collect();
    numbers.sort();
    numbers
}

/// A plain connection, to look at the keys themselves.
async fn raw() -> ::redis::aio::MultiplexedConnection {
    let url = std::env::var("REDIS_URL").unwrap();
    ::redis::Client::open(url)
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap()
}
