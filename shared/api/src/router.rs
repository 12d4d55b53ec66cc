//! The REST router: every route with its OpenAPI description, and the layers every request
//! passes (request id, tracing, body limit, deadline, security headers), and the origin check
//! of the routes that act on the refresh cookie.

use domain::ErrorCode;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::IntoResponse;
use domain::limits::{JSON_BODY_MAX_BYTES, REQUEST_DEADLINE};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{
    ApiError, AppState, admin, avatars, channel_members, channels, conversations, drafts, edits,
    files, invite_links, invites, messages, meta, notifications, passwords, people, pins, presence,
    profile, reactions, read_all, search, sessions, sidebar, sign_in, threads, unsubscribe,
    uploads, websocket, workspace,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Parley API", description = "Team chat: channels, messages and realtime events."),
    modifiers(&BearerAuth),
    components(schemas(domain::events::ServerEvent, domain::events::ClientFrame))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(meta::health))
        .routes(routes!(meta::client_config))
        .routes(routes!(sign_in::login))
        .routes(routes!(sign_in::callback))
        .routes(routes!(sessions::logout_everywhere))
        .routes(routes!(passwords::login))
        .routes(routes!(passwords::forgot))
        .routes(routes!(passwords::reset))
        .routes(routes!(invite_links::preview))
        .routes(routes!(invite_links::accept))
        .routes(routes!(unsubscribe::confirm_page, unsubscribe::unsubscribe))
        .routes(routes!(invites::list, invites::create))
        .routes(routes!(invites::revoke))
        .routes(routes!(profile::me, profile::update_profile))
        .routes(routes!(profile::set_status, profile::clear_status))
        .routes(routes!(profile::change_handle))
        .routes(routes!(avatars::set, avatars::remove))
        .routes(routes!(avatars::url))
        .routes(routes!(
            notifications::settings,
            notifications::set_settings
        ))
        .routes(routes!(people::roster))
        .routes(routes!(people::batch))
        .routes(routes!(admin::directory))
        .routes(routes!(admin::change_role))
        .routes(routes!(admin::change_status))
        .routes(routes!(workspace::get))
        .routes(routes!(workspace::update))
        .routes(routes!(presence::presence))
        .routes(routes!(sidebar::sidebar))
        .routes(routes!(sidebar::create_category))
        .routes(routes!(read_all::read_all))
        .routes(routes!(sidebar::update_category, sidebar::delete_category))
        .routes(routes!(channels::directory, channels::create))
        .routes(routes!(channels::get, channels::update))
        .routes(routes!(channels::archive))
        .routes(routes!(channels::unarchive))
        .routes(routes!(channel_members::join))
        .routes(routes!(channel_members::leave))
        .routes(routes!(channel_members::list, channel_members::add))
        .routes(routes!(
            channel_members::change_role,
            channel_members::remove_member
        ))
        .routes(routes!(sidebar::update_channel_membership))
        .routes(routes!(sidebar::read_channel))
        .routes(routes!(messages::channel_history, messages::channel_send))
        .routes(routes!(messages::channel_edit, messages::channel_delete))
        .routes(routes!(edits::channel_edits))
        .routes(routes!(threads::channel_thread))
        .routes(routes!(threads::channel_follow))
        .routes(routes!(threads::channel_thread_read))
        .routes(routes!(
            reactions::channel_react,
            reactions::channel_unreact
        ))
        .routes(routes!(pins::channel_pin))
        .routes(routes!(pins::channel_pins))
        .routes(routes!(sidebar::channel_unread))
        .routes(routes!(conversations::open))
        .routes(routes!(conversations::get, conversations::rename))
        .routes(routes!(conversations::add_participants))
        .routes(routes!(conversations::leave))
        .routes(routes!(sidebar::update_conversation_membership))
        .routes(routes!(sidebar::read_conversation))
        .routes(routes!(
            messages::conversation_history,
            messages::conversation_send
        ))
        .routes(routes!(
            messages::conversation_edit,
            messages::conversation_delete
        ))
        .routes(routes!(edits::conversation_edits))
        .routes(routes!(threads::conversation_thread))
        .routes(routes!(threads::conversation_follow))
        .routes(routes!(threads::conversation_thread_read))
        .routes(routes!(
            reactions::conversation_react,
            reactions::conversation_unreact
        ))
        .routes(routes!(pins::conversation_pin))
        .routes(routes!(pins::conversation_pins))
        .routes(routes!(sidebar::conversation_unread))
        .routes(routes!(threads::followed))
        .routes(routes!(uploads::create))
        .routes(routes!(files::channel_files))
        .routes(routes!(files::conversation_files))
        .routes(routes!(files::channel_file_url))
        .routes(routes!(files::conversation_file_url))
        .routes(routes!(search::search_messages))
        .routes(routes!(search::search_files))
        .routes(routes!(search::search_people))
        .routes(routes!(search::search_channels))
        .routes(routes!(drafts::list, drafts::save))
        .routes(routes!(websocket::ticket))
}

/// The routes that act on the refresh cookie, which the browser attaches by itself: `router`
/// lets only the app's own pages call them (`security::from_app_origin`). The OIDC callback
/// reads a cookie too, but it is a top-level navigation from the identity provider, held to
/// its sign-in by the state cookie.
fn cookie_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sessions::refresh))
        .routes(routes!(sessions::logout))
}

/// The OpenAPI document, generated from the routes themselves.
pub fn openapi() -> OpenApiDoc {
    let mut doc = api().merge(cookie_routes()).split_for_parts().1;
    crate::route_errors::document(&mut doc);
    doc
}

async fn unknown_route() -> ApiError {
    ApiError::not_found(ErrorCode::RouteNotFound, "no such API route")
}

/// Answers 503 `unavailable` with `Retry-After` for a request still running after `limit`, and
/// drops it. Each call a request makes has its own limit, but one that chains many could still
/// outlive the Lambda timeout, which would stop it just the same, only later and with API
/// Gateway's bare 503. (Multi-item invariants are transactions, so stopping between two calls
/// breaks none; an event not yet fanned out is caught up by clients over REST.)
fn with_deadline(router: Router, limit: Duration) -> Router {
    router.layer(axum::middleware::from_fn(
        move |request: Request<Body>, next: Next| async move {
            match tokio::time::timeout(limit, next.run(request)).await {
                Ok(response) => response,
                Err(_) => ApiError::unavailable(
                    "Parley took too long to answer. Try again in a few seconds.",
                    format!("the request ran past its deadline of {limit:?}"),
                )
                .into_response(),
            }
        },
    ))
}

pub fn router(state: AppState) -> Router {
    let cookie_routes = cookie_routes().route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        crate::security::from_app_origin,
    ));
    let (routes, mut doc) = api().merge(cookie_routes).split_for_parts();
    crate::route_errors::document(&mut doc);
    let config = state.config.clone();
    let routes = routes
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { Json(doc).into_response() }
            }),
        )
        .fallback(unknown_route)
        .with_state(state.clone());
    // Everything below wraps the routes once, as one service: `Router::layer` wraps each of
    // the hundred routes separately, and building those wrappers was most of `rest`'s init.
    let router = Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::cors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::security::from_edge,
        ))
        .layer(DefaultBodyLimit::max(JSON_BODY_MAX_BYTES));
    let router = with_deadline(router, REQUEST_DEADLINE);
    // Outside everything that answers, so errors, 404s and redirects carry them too.
    crate::security::with_headers(router, &config)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(
            TraceLayer::new_for_http()
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
                .make_span_with(crate::request_ids::span),
        )
        .layer(axum::middleware::from_fn(crate::request_ids::assign))
}

#[cfg(test)]
mod tests {
    use axum::routing::get;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    async fn call(router: Router, path: &str) -> (u16, Option<String>, serde_json::Value) {
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let answer = router.oneshot(request).await.unwrap();
        let status = answer.status().as_u16();
        let retry_after = answer
            .headers()
            .get(header::RETRY_AFTER)
            .map(|v| v.to_str().unwrap().to_string());
        let body = answer.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            retry_after,
            serde_json::from_slice(&body).unwrap_or_default(),
        )
    }

    #[tokio::test]
    async fn a_request_past_its_deadline_answers_503_unavailable_and_others_pass() {
        let router = with_deadline(
            Router::new()
                .route("/hangs", get(std::future::pending::<&'static str>))
                .route(
                    "/answers",
                    get(|| async { Json(serde_json::json!({"ok": true})) }),
                ),
            Duration::from_millis(50),
        );

        let (status, retry_after, body) = call(router.clone(), "/hangs").await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (503, Some("unavailable"))
        );
        let seconds = domain::limits::UNAVAILABLE_RETRY_AFTER_SECONDS.to_string();
        assert_eq!(retry_after, Some(seconds));
        assert!(
            !body.to_string().contains("deadline"),
            "internal text sent: {body}"
        );

        let (status, retry_after, body) = call(router, "/answers").await;
        assert_eq!(
            (status, retry_after, body),
            (200, None, serde_json::json!({"ok": true}))
        );
    }
}
