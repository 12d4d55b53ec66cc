//! The REST router: every route with its OpenAPI description, and the layers every request
//! passes (request id, tracing, body limit, security headers), and the origin check of the
//! routes that act on the refresh cookie.

use axum::Json;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::response::IntoResponse;
use domain::limits::JSON_BODY_MAX_BYTES;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::{
    ApiError, AppState, accounts, admin, channel_members, channels, conversations, drafts, invites,
    messages, meta, notifications, passwords, presence, profile, reactions, sessions, sidebar,
    threads, users, websocket, workspace,
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
        .routes(routes!(accounts::login))
        .routes(routes!(accounts::callback))
        .routes(routes!(sessions::logout_everywhere))
        .routes(routes!(passwords::login))
        .routes(routes!(passwords::forgot))
        .routes(routes!(passwords::reset))
        .routes(routes!(invites::preview))
        .routes(routes!(invites::accept))
        .routes(routes!(invites::list, invites::create))
        .routes(routes!(invites::revoke))
        .routes(routes!(users::me, profile::update_profile))
        .routes(routes!(profile::set_status, profile::clear_status))
        .routes(routes!(users::change_handle))
        .routes(routes!(
            notifications::settings,
            notifications::set_settings
        ))
        .routes(routes!(users::roster))
        .routes(routes!(users::batch))
        .routes(routes!(admin::directory))
        .routes(routes!(admin::change_role))
        .routes(routes!(admin::change_status))
        .routes(routes!(workspace::get))
        .routes(routes!(workspace::update))
        .routes(routes!(presence::presence))
        .routes(routes!(sidebar::sidebar))
        .routes(routes!(sidebar::create_category))
        .routes(routes!(sidebar::update_category, sidebar::delete_category))
        .routes(routes!(channels::directory, channels::create))
        .routes(routes!(channels::get, channels::update))
        .routes(routes!(channels::archive))
        .routes(routes!(channels::unarchive))
        .routes(routes!(channels::join))
        .routes(routes!(channels::leave))
        .routes(routes!(channel_members::list, channel_members::add))
        .routes(routes!(
            channel_members::change_role,
            channel_members::remove_member
        ))
        .routes(routes!(sidebar::update_channel_membership))
        .routes(routes!(sidebar::read_channel))
        .routes(routes!(messages::channel_history, messages::channel_send))
        .routes(routes!(messages::channel_edit, messages::channel_delete))
        .routes(routes!(threads::channel_thread))
        .routes(routes!(threads::channel_follow))
        .routes(routes!(threads::channel_thread_read))
        .routes(routes!(
            reactions::channel_react,
            reactions::channel_unreact
        ))
        .routes(routes!(reactions::channel_pin))
        .routes(routes!(reactions::channel_pins))
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
        .routes(routes!(threads::conversation_thread))
        .routes(routes!(threads::conversation_follow))
        .routes(routes!(threads::conversation_thread_read))
        .routes(routes!(
            reactions::conversation_react,
            reactions::conversation_unreact
        ))
        .routes(routes!(reactions::conversation_pin))
        .routes(routes!(reactions::conversation_pins))
        .routes(routes!(sidebar::conversation_unread))
        .routes(routes!(threads::followed))
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
    api().merge(cookie_routes()).split_for_parts().1
}

#[derive(Clone)]
struct UlidRequestId;

impl MakeRequestId for UlidRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&ulid::Ulid::new().to_string())
            .ok()
            .map(RequestId::new)
    }
}

async fn unknown_route() -> ApiError {
    ApiError::not_found("route_not_found", "no such API route")
}

pub fn router(state: AppState) -> Router {
    let cookie_routes = cookie_routes().route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        crate::security::from_app_origin,
    ));
    let (router, doc) = api().merge(cookie_routes).split_for_parts();
    let request_id = HeaderName::from_static("x-request-id");
    let config = state.config.clone();
    let router = router
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { Json(doc).into_response() }
            }),
        )
        .fallback(unknown_route)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::cors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::from_edge,
        ))
        .with_state(state)
        .layer(DefaultBodyLimit::max(JSON_BODY_MAX_BYTES));
    // Outside everything that answers, so errors, 404s and redirects carry them too.
    crate::security::with_headers(router, &config)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
                .make_span_with(|request: &Request<_>| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
            }),
        )
        .layer(SetRequestIdLayer::new(request_id, UlidRequestId))
}
