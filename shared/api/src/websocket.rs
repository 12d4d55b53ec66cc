//! The WebSocket side: tickets minted over REST, and the handlers of the three API Gateway
//! routes (`$connect`, `$default`, `$disconnect`), which the ws-* Lambda functions and the local
//! gateway call with real `ApiGatewayWebsocketProxyRequest` events.

use aws_lambda_events::apigw::{ApiGatewayProxyResponse, ApiGatewayWebsocketProxyRequest};
use aws_lambda_events::encodings::Body;
use axum::Json;
use axum::extract::State;
use domain::ErrorCode;
use domain::api::{ApiErrorResponse, WsTicket};
use domain::events::{ClientFrame, ServerEvent};
use domain::limits::{WS_INBOUND_FRAME_MAX_BYTES, WS_TICKET_TTL_SECONDS};

use tracing::Instrument;

use crate::extract::Caller;
use crate::ratelimit::{self, Limit};
use crate::{ApiError, AppState};

mod lambda;
mod pong;

pub use lambda::run_lambda;
use pong::pong;

/// The WebSocket route a ws-* Lambda function serves.
#[derive(Debug, Clone, Copy)]
pub enum Route {
    Connect,
    Message,
    Disconnect,
}

/// A single-use ticket to open the WebSocket with (`?ticket=`), valid for a minute.
#[utoipa::path(post, path = "/api/v1/ws/ticket", tag = "realtime", security(("bearer" = [])),
    responses((status = 200, body = WsTicket), (status = 401, body = ApiErrorResponse),
        (status = 429, body = ApiErrorResponse)))]
pub async fn ticket(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<WsTicket>, ApiError> {
    ratelimit::check(&state, Limit::WsTicketPerUser, &caller.id.to_string()).await?;
    let ticket = state.redis.mint_ticket(caller.id, &caller.grant).await?;
    Ok(Json(WsTicket {
        ticket,
        expires_in: WS_TICKET_TTL_SECONDS,
    }))
}

fn response(status: i64, body: Option<String>) -> ApiGatewayProxyResponse {
    let mut response = ApiGatewayProxyResponse::default();
    response.status_code = status;
    response.body = body.map(Body::Text);
    response
}

fn frame(event: &ServerEvent) -> ApiGatewayProxyResponse {
    response(200, serde_json::to_string(event).ok())
}

/// Every log line of a route carries API Gateway's request id, and Lambda's when it runs there
/// (the same fields as the REST requests' lines, `request_ids`).
fn route_span(
    request: &ApiGatewayWebsocketProxyRequest,
    lambda_request_id: Option<&str>,
) -> tracing::Span {
    let context = &request.request_context;
    tracing::info_span!(
        "ws",
        request_id = context.request_id.as_deref().unwrap_or_default(),
        lambda_request_id,
        route = context.route_key.as_deref().unwrap_or_default(),
    )
}

fn connection_id(request: &ApiGatewayWebsocketProxyRequest) -> Option<&str> {
    request
        .request_context
        .connection_id
        .as_deref()
        .filter(|id| !id.is_empty())
}

/// `$connect`: checks the page's Origin, redeems the ticket and records connection → user. A
/// missing or foreign Origin is refused with 403 before the ticket is used up; a missing,
/// unknown, expired or reused ticket, or one minted before the user's access was revoked
/// (deactivation, a role change), with 401. A refusal records nothing.
pub async fn on_connect(
    state: &AppState,
    request: ApiGatewayWebsocketProxyRequest,
) -> ApiGatewayProxyResponse {
    let span = route_span(&request, None);
    connect(state, request).instrument(span).await
}

async fn connect(
    state: &AppState,
    request: ApiGatewayWebsocketProxyRequest,
) -> ApiGatewayProxyResponse {
    let Some(connection) = connection_id(&request) else {
        return response(400, None);
    };
    if !origin_allowed(state, &request) {
        tracing::warn!(
            origin = request.headers.get("origin").and_then(|o| o.to_str().ok()),
            "WebSocket refused: not opened by the app's own pages"
        );
        return response(403, None);
    }
    let Some(ticket) = request.query_string_parameters.first("ticket") else {
        tracing::info!(connection, "WebSocket refused: no ticket");
        return response(401, None);
    };
    let ticket = match state.redis.redeem_ticket(ticket).await {
        Ok(Some(ticket)) => ticket,
        Ok(None) => {
            // Unknown, expired or used already (tickets work once, for a minute).
            tracing::info!(
                connection,
                "WebSocket refused: the ticket is unknown, expired or used"
            );
            return response(401, None);
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot redeem a WebSocket ticket");
            return response(500, None);
        }
    };
    let user = ticket.user;
    if let Err(e) = state.redis.register_ticketed(connection, &ticket).await {
        tracing::error!(error = %e, "cannot register a WebSocket connection");
        return response(500, None);
    }
    // Checked once registered: a revocation that lands after this check finds the connection
    // and closes it; one that landed before is seen here.
    if let Some(status) = refused_since_minted(state, &ticket).await {
        if let Err(e) = state.redis.unregister_connection(connection).await {
            tracing::error!(error = %e, "cannot unregister a refused WebSocket connection");
        }
        return response(status, None);
    }
    tracing::info!(%user, connection, "connected");
    crate::presence::connected(state, user).await;
    response(200, None)
}

/// Whether the socket is opened by a page of the app (`BASE_URL`). Browsers always send
/// Origin on a WebSocket handshake and pages cannot forge it, so this stops another site's page
/// from opening a socket; a client without one (not a browser) is refused too.
fn origin_allowed(state: &AppState, request: &ApiGatewayWebsocketProxyRequest) -> bool {
    let Some(origin) = request.headers.get("origin").and_then(|o| o.to_str().ok()) else {
        return false;
    };
    url::Url::parse(origin).is_ok_and(|origin| origin.origin() == state.config.base_url.origin())
}

/// The status to refuse a redeemed ticket with: its user's access was revoked after it was
/// minted, or the account is deactivated or gone.
async fn refused_since_minted(state: &AppState, ticket: &realtime::tickets::Ticket) -> Option<i64> {
    match crate::revocation::refused(state, ticket.user, &ticket.grant).await {
        Ok(true) => {
            tracing::info!(user = %ticket.user, "WebSocket refused: the ticket predates a revocation");
            return Some(401);
        }
        Ok(false) => {}
        Err(e) => {
            e.log_cause();
            return Some(500);
        }
    }
    match state.store.users().get(ticket.user).await {
        Ok(Some(user)) if user.status == domain::user::UserStatus::Active => None,
        Ok(_) => {
            tracing::info!(user = %ticket.user, "WebSocket refused: the account is deactivated or gone");
            Some(403)
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read the account");
            Some(500)
        }
    }
}

/// `$default`: a frame from the client. The answer (if any) is the response body, which API
/// Gateway sends back on the same connection. Bad frames get an error frame; the connection stays.
pub async fn on_message(
    state: &AppState,
    request: ApiGatewayWebsocketProxyRequest,
) -> ApiGatewayProxyResponse {
    let span = route_span(&request, None);
    message(state, request).instrument(span).await
}

async fn message(
    state: &AppState,
    request: ApiGatewayWebsocketProxyRequest,
) -> ApiGatewayProxyResponse {
    let body = request.body.as_deref().unwrap_or_default();
    if body.len() > WS_INBOUND_FRAME_MAX_BYTES {
        return frame(&ServerEvent::error(
            ErrorCode::FrameTooLarge,
            &format!("frames are limited to {WS_INBOUND_FRAME_MAX_BYTES} bytes"),
        ));
    }
    let Ok(client_frame) = serde_json::from_str::<ClientFrame>(body) else {
        return frame(&ServerEvent::error(
            ErrorCode::InvalidFrame,
            "send JSON like {\"type\":\"ping\"}",
        ));
    };
    match client_frame {
        ClientFrame::Typing {
            parent_id,
            parent_type,
            thread_root_id,
        } => match frame_user(state, &request).await {
            Ok(user) => answer(
                crate::presence::typing(state, user, parent_type, &parent_id, thread_root_id).await,
            ),
            Err(refused) => refused,
        },
        ClientFrame::Presence { status } => match frame_user(state, &request).await {
            Ok(user) => {
                // Known to be there: `frame_user` found the user by it.
                let connection = connection_id(&request).unwrap_or_default();
                answer(crate::presence::set(state, user, connection, status).await)
            }
            Err(refused) => refused,
        },
        ClientFrame::PresenceSubscribe { user_ids, version } => {
            match frame_user(state, &request).await {
                Ok(user) => {
                    let connection = connection_id(&request).unwrap_or_default();
                    let subscribed =
                        crate::presence::subscribe(state, user, connection, user_ids, version)
                            .await;
                    answer_with(subscribed.map(|s| s.map(ServerEvent::PresenceSubscribed)))
                }
                Err(refused) => refused,
            }
        }
        ClientFrame::Ping => frame(&pong(state, &request).await),
    }
}

/// The user a frame came from, by its connection.
async fn frame_user(
    state: &AppState,
    request: &ApiGatewayWebsocketProxyRequest,
) -> Result<domain::UserId, ApiGatewayProxyResponse> {
    let unknown = || {
        frame(&ServerEvent::error(
            ErrorCode::NotConnected,
            "reconnect, then try again",
        ))
    };
    let Some(connection) = connection_id(request) else {
        return Err(unknown());
    };
    match state.redis.user_of_connection(connection).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(unknown()),
        Err(e) => {
            tracing::error!(error = %e, "cannot look up a connection");
            Err(frame(&ServerEvent::error(
                ErrorCode::Unavailable,
                "try again in a moment",
            )))
        }
    }
}

/// No answer when a frame was handled; an error frame (with the API's code) when not.
fn answer(outcome: Result<(), ApiError>) -> ApiGatewayProxyResponse {
    answer_with(outcome.map(|()| None))
}

/// The event a handled frame is answered with, if any; an error frame when it was not handled.
fn answer_with(outcome: Result<Option<ServerEvent>, ApiError>) -> ApiGatewayProxyResponse {
    match outcome {
        Ok(Some(event)) => frame(&event),
        Ok(None) => response(200, None),
        Err(e) => {
            e.log_cause();
            frame(&ServerEvent::Error(e.body().error))
        }
    }
}

/// `$disconnect`: forgets the connection and what it watched, trying Redis again for a moment
/// when it is briefly out of reach (a storm of closes): a connection left registered would show
/// its user online until it expires.
pub async fn on_disconnect(
    state: &AppState,
    request: ApiGatewayWebsocketProxyRequest,
) -> ApiGatewayProxyResponse {
    let span = route_span(&request, None);
    disconnect(state, request).instrument(span).await
}

async fn disconnect(
    state: &AppState,
    request: ApiGatewayWebsocketProxyRequest,
) -> ApiGatewayProxyResponse {
    if let Some(connection) = connection_id(&request) {
        let redis = &state.redis;
        let (unregistered, unwatched) = tokio::join!(
            crate::presence::retrying(|| redis.unregister_connection(connection)),
            crate::presence::retrying(|| redis.unwatch(connection)),
        );
        if let Err(e) = unwatched {
            tracing::warn!(error = %e, connection, "cannot forget what a closed connection watched; it expires");
        }
        match unregistered {
            Ok(Some(user)) => {
                tracing::info!(%user, connection, "disconnected");
                crate::presence::disconnected(state, user).await;
            }
            Ok(None) => tracing::info!(connection, "disconnected (connection was not registered)"),
            Err(e) => {
                tracing::error!(error = %e, connection, "cannot unregister a WebSocket connection")
            }
        }
    }
    response(200, None)
}
