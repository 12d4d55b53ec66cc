//! The unsubscribe link of mail sent while away (`away_mail`): no sign-in, a signed token
//! (`auth::unsubscribe`). Opening the link shows a page with one button; only the button (a
//! POST) turns mail off, so a mail scanner that follows links unsubscribes nobody. Both answer
//! small pages of plain HTML (no script, no style: the API's CSP allows neither).

use axum::extract::State;
use axum::response::Html;
use domain::ErrorCode;
use domain::UserId;
use domain::api::ApiErrorResponse;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::extract::Query;
use crate::{ApiError, AppState};

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UnsubscribeParams {
    /// The token of the mail's link.
    token: String,
}

fn person(state: &AppState, token: &str) -> Result<UserId, ApiError> {
    // A link mailed before a key rotation verifies with the previous key.
    let keys = state.config.jwt().map_err(ApiError::internal)?;
    keys.verifying()
        .find_map(|key| auth::unsubscribe::verify(key, token))
        .ok_or_else(|| {
        ApiError::bad_request(
            ErrorCode::UnsubscribeLinkInvalid,
            "this unsubscribe link is not valid: use the link in the mail as it is, or turn mail off in the app's notification settings",
        )
    })
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Parley</title></head><body><main><h1>{title}</h1>{body}</main></body></html>"
    ))
}

/// The page an unsubscribe link opens: a button that stops mail about mentions and messages
/// while away. Changes nothing by itself.
#[utoipa::path(get, path = "/auth/mail/unsubscribe", tag = "auth", params(UnsubscribeParams),
    responses((status = 200, description = "A page with the button", content_type = "text/html", body = String),
        (status = 400, body = ApiErrorResponse)))]
pub async fn confirm_page(
    State(state): State<AppState>,
    Query(params): Query<UnsubscribeParams>,
) -> Result<Html<String>, ApiError> {
    person(&state, &params.token)?;
    // The token is checked, so it is JWT text (base64url and dots): nothing to escape.
    Ok(page(
        "Stop these mails?",
        &format!(
            "<p>Parley mails you when you are mentioned or sent a message while you are away.</p>\
             <form method=\"post\" action=\"/auth/mail/unsubscribe?token={token}\">\
             <button type=\"submit\">Stop mailing me</button></form>\
             <p>You still see everything in the app.</p>",
            token = params.token
        ),
    ))
}

/// Turns the link's person's mail off (`email: false` in their notification settings) and says
/// so. Doing it again changes nothing.
#[utoipa::path(post, path = "/auth/mail/unsubscribe", tag = "auth", params(UnsubscribeParams),
    responses((status = 200, description = "Mail is off", content_type = "text/html", body = String),
        (status = 400, body = ApiErrorResponse)))]
pub async fn unsubscribe(
    State(state): State<AppState>,
    Query(params): Query<UnsubscribeParams>,
) -> Result<Html<String>, ApiError> {
    let user = person(&state, &params.token)?;
    let settings = state.store.settings();
    let mut now = settings.notifications(user).await?;
    if now.email {
        now.email = false;
        settings.set_notifications(user, &now).await?;
        tracing::info!(%user, "mail while away turned off from a mailed link");
    }
    Ok(page(
        "You will get no more of these mails",
        "<p>Parley no longer mails you about mentions and messages while you are away. \
         You can turn these mails on again in the app's notification settings.</p>",
    ))
}
