//! The REST API in-process (the router called with `oneshot`), against the real store on
//! DynamoDB Local and a real redis-server: one table per test, started by `make test`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod admin;
mod authorization;
mod away_mail;
mod channels;
mod conversations;
mod devices;
mod drafts;
mod error_codes;
mod files;
mod handles;
mod hardening;
mod health;
mod invites;
mod messages;
mod notifications;
mod notify_levels;
mod passwords;
mod people;
mod profile;
mod routes;
mod search;
mod sessions;
mod sidebar;

use api::AppState;
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use config::Config;
use domain::channel::ChannelRole;
use domain::revocation::Grant;
use domain::user::{Role, User};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// `BASE_URL` of the test app, as a browser on its pages sends it in `Origin`.
pub const APP_ORIGIN: &str = "http://localhost:3000";

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
}

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run the tests with `make test`"))
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// `spawn_app` with its environment changed by `adjust` first (a dependency elsewhere).
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Vec<(&'static str, String)>)) -> TestApp {
    let table = format!("api-{}", ulid::Ulid::new().to_string().to_lowercase());
    let mut vars = vec![
        ("ENV", "development".to_string()),
        ("BASE_URL", APP_ORIGIN.to_string()),
        ("DYNAMODB_TABLE", table),
        ("DYNAMODB_ENDPOINT", env("DYNAMODB_ENDPOINT")),
        ("REDIS_URL", env("REDIS_URL")),
    ];
    // Mail goes to the SES stand-in when the stack runs one (else to the log).
    // Files go to the S3 stand-in.
    for name in [
        "SES_ENDPOINT",
        "SES_SENDER",
        "SES_REGION",
        "UPLOADS_BUCKET",
        "S3_ENDPOINT",
    ] {
        if let Ok(value) = std::env::var(name) {
            vars.push((name, value));
        }
    }
    adjust(&mut vars);
    let config =
        Config::from_lookup(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()))
            .unwrap();
    let state = AppState::new(config).await.unwrap();
    state.store.ensure_table().await.unwrap();
    if let Some(blobs) = &state.blobs {
        // The stack creates the bucket; a second create is harmless.
        let _ = blobs
            .client()
            .create_bucket()
            .bucket(blobs.bucket())
            .send()
            .await;
    }
    TestApp {
        router: api::router(state.clone()),
        state,
    }
}

/// A signed-in user and their access token.
#[derive(Clone)]
pub struct Person {
    pub user: User,
    pub token: String,
}

impl Person {
    pub fn id(&self) -> String {
        self.user.id.to_string()
    }
}

impl TestApp {
    /// A user with `role`, in #general, with an access token.
    pub async fn person(&self, name: &str, role: Role) -> Person {
        let user = store::users::new_user(
            &format!("{name}-{}@example.com", ulid::Ulid::new()).to_lowercase(),
            name.into(),
            role,
        );
        self.create_user(&user).await;
        let general = self
            .state
            .store
            .channels()
            .ensure_general(user.id)
            .await
            .unwrap();
        self.state
            .store
            .channels()
            .add_member(general.id, user.id, ChannelRole::Member)
            .await
            .unwrap();
        self.signed_in(user)
    }

    /// Stores `user` as a new account, as a first sign-in or an accepted invite would.
    pub async fn create_user(&self, user: &User) {
        self.state
            .store
            .users()
            .create(user, None, false)
            .await
            .unwrap()
            .unwrap();
    }

    /// `user` with a fresh access token.
    pub fn signed_in(&self, user: User) -> Person {
        let (token, _) = self
            .state
            .tokens
            .issue(&user, &Grant::issued_now(""))
            .unwrap();
        Person { user, token }
    }

    /// Calls the API as `who` (anonymous when `None`); the answer's status and JSON body
    /// (`Null` when empty).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        who: Option<&Person>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        // As the app's pages do: browsers send Origin with every request but GET and HEAD.
        let method_name = method.to_string();
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("origin", APP_ORIGIN);
        if let Some(who) = who {
            request = request.header("authorization", format!("Bearer {}", who.token));
        }
        let request = match body {
            Some(body) => request
                .header("content-type", "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        error_codes::check(&method_name, path, &json);
        (status, json)
    }

    pub async fn get(&self, path: &str, who: &Person) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(who), None).await
    }

    pub async fn post(&self, path: &str, who: &Person, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(who), Some(body)).await
    }

    pub async fn patch(&self, path: &str, who: &Person, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(who), Some(body)).await
    }

    pub async fn put(&self, path: &str, who: &Person, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(who), Some(body)).await
    }

    pub async fn delete(&self, path: &str, who: &Person) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, Some(who), None).await
    }

    /// Uploads `bytes` as `who` the way the app does (ask, then PUT straight to S3): the
    /// upload's id.
    pub async fn upload(
        &self,
        who: &Person,
        name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> String {
        let (status, grant) = self
            .post(
                "/api/v1/uploads",
                who,
                serde_json::json!({
                    "name": name,
                    "size": bytes.len(),
                    "contentType": content_type,
                    "sha256": files::sha256_hex(bytes),
                }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{grant}");
        let put = files::put_to_s3(&grant, bytes.to_vec()).await;
        assert_eq!(put, 200, "the PUT to S3 was refused");
        grant["uploadID"].as_str().unwrap().to_string()
    }

    /// Creates a channel through the API as `who`; its id.
    pub async fn channel(&self, who: &Person, name: &str, kind: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/channels",
                who,
                serde_json::json!({"name": name, "type": kind}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["channel"]["id"].as_str().unwrap().to_string()
    }

    /// A public channel owned by `owner` with `others` as members; its path, under which its
    /// messages are.
    pub async fn room(&self, owner: &Person, others: &[&Person]) -> String {
        let id = self.channel(owner, &unique("room"), "public").await;
        for person in others {
            self.add(&id, person, ChannelRole::Member).await;
        }
        format!("/api/v1/channels/{id}")
    }

    /// Sends `body` as `who` to the channel or conversation at `place`; the message.
    pub async fn say(&self, place: &str, who: &Person, body: Value) -> Value {
        let (status, message) = self.post(&format!("{place}/messages"), who, body).await;
        assert_eq!(status, StatusCode::CREATED, "{message}");
        message
    }

    /// Opens the conversation of `who` and the people `ids` names, as `who` (or finds it, when
    /// those people have one).
    pub async fn open_conversation(&self, who: &Person, ids: Value) -> (StatusCode, Value) {
        self.post(
            "/api/v1/conversations",
            who,
            serde_json::json!({ "participantIDs": ids }),
        )
        .await
    }

    /// Adds `whom` to a channel with `role`, as a system admin would.
    pub async fn add(&self, channel: &str, whom: &Person, role: ChannelRole) {
        let outcome = self
            .state
            .store
            .channels()
            .add_member(channel.parse().unwrap(), whom.user.id, role)
            .await
            .unwrap();
        assert_eq!(outcome, store::channels::AddMember::Added);
    }
}

/// The error code of an error answer.
pub fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or_default()
}

/// A fresh lower-case name that is a valid slug.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &ulid::Ulid::new().to_string().to_lowercase()[16..]
    )
}

/// `text` as one segment of a URL, every byte but the unreserved ones percent-encoded.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
