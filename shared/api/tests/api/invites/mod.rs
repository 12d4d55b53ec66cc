//! Invites by email, end to end: the invite is mailed through the SES stand-in (ministack), the
//! test reads the mail back, follows the link (preview, accept) and uses the guest's session.
//! The helpers here (the mailbox, the cookie-carrying auth routes, a guest by invite) serve the
//! sign-in tests too.

mod accepting;
mod pending;
mod sending;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::{Person, TestApp};

/// An answer of a cookie-carrying auth route.
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    /// The refresh cookie it set, as `name=value` (ready for a `Cookie` header).
    pub cookie: Option<String>,
}

/// POSTs `body` to `path` without a token, sending `cookie` if given, as the app's pages do.
pub async fn post_public(app: &TestApp, path: &str, body: Value, cookie: Option<&str>) -> Answer {
    let mut request = Request::post(path)
        .header("content-type", "application/json")
        .header(header::ORIGIN, crate::APP_ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with("parley_refresh=") && pair.len() > "parley_refresh=".len())
        .map(str::to_string);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    Answer {
        status,
        body,
        cookie,
    }
}

/// Trades a refresh cookie for an access token: the signed-in person, or the refusal.
pub async fn refresh(app: &TestApp, cookie: &str) -> Result<Person, Answer> {
    let answer = post_public(app, "/auth/token/refresh", json!({}), Some(cookie)).await;
    if answer.status != StatusCode::OK {
        return Err(answer);
    }
    Ok(Person {
        user: serde_json::from_value(answer.body["user"].clone()).unwrap(),
        token: answer.body["accessToken"].as_str().unwrap().to_string(),
    })
}

/// Every mail the SES stand-in holds for `to`, oldest first (`Subject`, `BodyText`, ...).
pub async fn mails_to(to: &str) -> Vec<Value> {
    let endpoint = std::env::var("SES_ENDPOINT").expect(
        "SES_ENDPOINT is not set: run the tests with `make test` (the stack runs ministack)",
    );
    let all: Value = reqwest::get(format!("{endpoint}/_ministack/ses/messages"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    all["messages"]
        .as_object()
        .into_iter()
        .flat_map(|accounts| accounts.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter(|m| {
            m["To"]
                .as_array()
                .is_some_and(|list| list.iter().any(|a| a == to))
        })
        .cloned()
        .collect()
}

/// The token of the first `{BASE_URL}{prefix}<token>` link in `text`.
pub fn link_token(text: &str, prefix: &str) -> String {
    let link = format!("http://localhost:3000{prefix}");
    let start = text
        .find(&link)
        .unwrap_or_else(|| panic!("no {link} in {text}"))
        + link.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// A fresh address nobody has.
pub fn address(name: &str) -> String {
    format!("{name}-{}@example.com", ulid::Ulid::new()).to_lowercase()
}

/// Invites `email` as `who` to `channels`; the invite and the token of the mailed link.
pub async fn invite(
    app: &TestApp,
    who: &Person,
    email: &str,
    channels: &[&str],
) -> (Value, String) {
    let (status, invite) = app
        .post(
            "/api/v1/invites",
            who,
            json!({"email": email, "channelIDs": channels}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    let mails = mails_to(email).await;
    let mail = mails.last().expect("the invite was mailed");
    let token = link_token(mail["BodyText"].as_str().unwrap(), "/invite/");
    (invite, token)
}

/// A guest who came by invite, signed in.
pub struct Guest {
    pub email: String,
    pub password: String,
    pub cookie: String,
    pub person: Person,
}

/// A guest invited by `inviter`, who accepted and is signed in.
pub async fn guest(app: &TestApp, inviter: &Person) -> Guest {
    let email = address("guest");
    let (_, token) = invite(app, inviter, &email, &[]).await;
    let password = "a long enough password".to_string();
    let accepted = post_public(
        app,
        "/auth/invite/accept",
        json!({"token": token, "displayName": "Gwen Guest", "password": password}),
        None,
    )
    .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.body);
    let cookie = accepted.cookie.expect("accepting signs in");
    let person = refresh(app, &cookie).await.ok().unwrap();
    Guest {
        email,
        password,
        cookie,
        person,
    }
}

/// Accepts the invite of `token` with `password`, under a display name padded with spaces.
pub(super) async fn accept(app: &TestApp, token: &str, password: &str) -> Answer {
    post_public(
        app,
        "/auth/invite/accept",
        json!({"token": token, "displayName": "  Gwen Guest ", "password": password}),
        None,
    )
    .await
}

/// What the invite of `token` shows before it is accepted.
pub(super) async fn preview(app: &TestApp, token: &str) -> Answer {
    post_public(app, "/auth/invite/preview", json!({"token": token}), None).await
}

/// The names of the channels in `who`'s sidebar, sorted.
pub(super) async fn sidebar_channels(app: &TestApp, who: &Person) -> Vec<String> {
    let (_, sidebar) = app.get("/api/v1/sidebar", who).await;
    let mut names: Vec<String> = sidebar["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["channel"]["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}
