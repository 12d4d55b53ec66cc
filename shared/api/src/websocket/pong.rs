//! The answer to the client's ping: proof the socket is live, the events held for it, and the
//! number of the last one, so the client can tell whether it missed any.

use aws_lambda_events::apigw::ApiGatewayWebsocketProxyRequest;
use domain::ErrorCode;
use domain::events::{ReconnectReason, ServerEvent};

use super::connection_id;
use crate::AppState;

/// Tries of a ping's registry lookup after the first fails (0.2 s, then 0.4 s later).
const PING_RETRIES: u32 = 2;

/// The answer to a ping: a pong with the number of the last event pushed to this connection
/// (the events held for it until its first ping are posted first, see `realtime::held`), or
/// `reconnect` when the registry does not know it (Redis lost it) or its access was revoked
/// since it opened (the close may not have reached it). Pings come often enough (see the web
/// app's realtime client) that a socket left deaf by a Redis restart hears this within a minute.
pub(super) async fn pong(
    state: &AppState,
    request: &ApiGatewayWebsocketProxyRequest,
) -> ServerEvent {
    let reconnect = |reason: &str| {
        ServerEvent::Reconnect(ReconnectReason {
            reason: reason.to_string(),
        })
    };
    let Some(connection) = connection_id(request) else {
        return reconnect("not_registered");
    };
    // Right after Redis restarts, the first command finds the old connection dropped while a
    // new one is being made: a moment later it goes through.
    let mut attempt = 0;
    let mut registered = loop {
        match state.redis.ping_connection(connection).await {
            Ok(Some(registered)) => break registered,
            Ok(None) => {
                tracing::info!(
                    connection,
                    "ping from a connection the registry does not know"
                );
                return reconnect("not_registered");
            }
            Err(e) if attempt < PING_RETRIES => {
                attempt += 1;
                tracing::debug!(error = %e, attempt, "retrying a ping's registry lookup");
                tokio::time::sleep(std::time::Duration::from_millis(200 * u64::from(attempt)))
                    .await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot look up a pinging connection");
                return ServerEvent::error(ErrorCode::Unavailable, "try again in a moment");
            }
        }
    };
    match crate::revocation::refused(state, registered.user, &registered.grant).await {
        Ok(false) => {
            let held = std::mem::take(&mut registered.held);
            if !held.is_empty() {
                let delivery = state.fanout.release(connection, held).await;
                tracing::debug!(?delivery, "held events posted at the first ping");
            }
            ServerEvent::Pong {
                ts: domain::Timestamp::now().0.unix_timestamp() * 1000,
                seq: registered.last_seq,
            }
        }
        Ok(true) => {
            if let Err(e) = state.redis.unregister_connection(connection).await {
                tracing::warn!(error = %e, "cannot unregister a revoked connection");
            }
            reconnect("revoked")
        }
        Err(e) => {
            e.log_cause();
            ServerEvent::error(ErrorCode::Unavailable, "try again in a moment")
        }
    }
}
