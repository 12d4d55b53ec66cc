//! The whole path against the running local gateway (`make test` starts it and sets
//! PARLEY_E2E_URL): two people sign in through the real OpenID provider, and a message one of
//! them sends reaches the other's WebSocket.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::time::Duration;

use domain::api::{ClientConfig, TokenResponse, WsTicket};
use domain::events::ServerEvent;
use domain::message::Message;
use futures::{SinkExt, StreamExt};
use reqwest::header::{COOKIE, LOCATION, ORIGIN, SET_COOKIE};
use reqwest::{Client, Response, StatusCode};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

fn base_url() -> String {
    std::env::var("PARLEY_E2E_URL")
        .expect("PARLEY_E2E_URL is not set: run the tests with `make test`")
}

/// Cookies as a browser on localhost keeps them (localhost cookies go to every port).
#[derive(Default)]
struct Jar(HashMap<String, String>);

impl Jar {
    fn take(&mut self, response: &Response) {
        for value in response.headers().get_all(SET_COOKIE) {
            let Some((pair, attributes)) = value
                .to_str()
                .unwrap()
                .split_once(';')
                .or(Some((value.to_str().unwrap(), "")))
            else {
                continue;
            };
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.to_ascii_lowercase().contains("max-age=0") || value.is_empty() {
                self.0.remove(name.trim());
            } else {
                self.0
                    .insert(name.trim().to_string(), value.trim().to_string());
            }
        }
    }

    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn absolute(base: &reqwest::Url, location: &str) -> reqwest::Url {
    base.join(location).unwrap()
}

/// Goes through the provider's pages as a browser does, up to (not into) the redirect back to
/// Parley's callback: the cookies by then, and that callback URL.
async fn to_callback(http: &Client, login: &str) -> (Jar, reqwest::Url) {
    let base = base_url();
    let callback = format!("{base}/auth/oidc/callback");
    let mut jar = Jar::default();
    let mut url = reqwest::Url::parse(&format!("{base}/auth/oidc/login")).unwrap();
    let mut form: Option<(reqwest::Url, Vec<(String, String)>)> = None;
    for _ in 0..20 {
        let request = match form.take() {
            Some((action, fields)) => http.post(action.clone()).form(&fields),
            None => http.get(url.clone()),
        };
        let response = request.header(COOKIE, jar.header()).send().await.unwrap();
        jar.take(&response);
        let at = response.url().clone();
        if response.status().is_redirection() {
            let location = response.headers()[LOCATION].to_str().unwrap().to_string();
            assert!(
                !location.contains("authError"),
                "sign-in failed: {location}"
            );
            url = absolute(&at, &location);
            if url.as_str().starts_with(&callback) {
                return (jar, url);
            }
            continue;
        }
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "unexpected answer at {at}"
        );
        let page = response.text().await.unwrap();
        // The provider's login form: POST login and password to the form's action.
        let action = page
            .split("action=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no form on the provider page {at}: {page}"));
        let mut fields = vec![
            ("login".to_string(), login.to_string()),
            ("password".to_string(), "any".to_string()),
        ];
        if page.contains("name=\"prompt\"") {
            fields.push(("prompt".into(), "login".into()));
        }
        form = Some((absolute(&at, action), fields));
    }
    panic!("the provider never sent the browser back to {callback}");
}

/// Follows the callback: where Parley sent the browser, and the cookies after.
async fn callback(http: &Client, jar: &mut Jar, url: &reqwest::Url) -> String {
    let response = http
        .get(url.clone())
        .header(COOKIE, jar.header())
        .send()
        .await
        .unwrap();
    jar.take(&response);
    assert!(response.status().is_redirection());
    response.headers()[LOCATION].to_str().unwrap().to_string()
}

/// Signs `login` in the way a browser does, and returns the access token.
async fn sign_in(http: &Client, login: &str) -> TokenResponse {
    let base = base_url();
    let (mut jar, url) = to_callback(http, login).await;
    let landed = callback(http, &mut jar, &url).await;
    // The session comes as the refresh cookie: the app's URL carries no token of any kind.
    assert_eq!(landed, "/", "sign-in failed");
    assert!(
        jar.0.contains_key("parley_refresh"),
        "no refresh cookie after sign-in"
    );
    // As the app's page calls it: browsers send Origin with every POST.
    let refreshed = http
        .post(format!("{base}/auth/token/refresh"))
        .header(ORIGIN, base.trim_end_matches('/'))
        .header(COOKIE, jar.header())
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), StatusCode::OK);
    refreshed.json().await.unwrap()
}

fn no_redirects() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of `name` in `url`'s query.
fn query_param(url: &reqwest::Url, name: &str) -> String {
    let mut pairs = url.query_pairs();
    let (_, value) = pairs.find(|(k, _)| k == name).unwrap();
    value.into_owned()
}

/// A callback that went wrong: back to the app with `code`, and no session.
fn assert_refused(landed: &str, jar: &Jar, code: &str) {
    assert_eq!(landed, format!("/?authError={code}"));
    assert!(
        !jar.0.contains_key("parley_refresh"),
        "no session after a refused callback"
    );
}

#[tokio::test]
async fn a_callback_used_twice_signs_in_once() {
    let http = no_redirects();
    let run = ulid::Ulid::new().to_string().to_lowercase();
    let (jar, url) = to_callback(&http, &format!("carol-{run}")).await;
    let mut first = Jar(jar.0.clone());
    assert_eq!(callback(&http, &mut first, &url).await, "/");
    // The same state and code again (a replayed or double-submitted callback).
    let mut again = Jar(jar.0.clone());
    let landed = callback(&http, &mut again, &url).await;
    assert_refused(&landed, &again, "login_expired");
}

#[tokio::test]
async fn a_code_replayed_into_another_sign_in_is_refused() {
    let http = no_redirects();
    let run = ulid::Ulid::new().to_string().to_lowercase();
    let (mut jar, url) = to_callback(&http, &format!("dave-{run}")).await;
    assert_eq!(callback(&http, &mut jar, &url).await, "/");
    let code = query_param(&url, "code");

    // A second sign-in gets as far as its own callback; the attacker swaps in the used code.
    let (mut other, other_url) = to_callback(&http, &format!("eve-{run}")).await;
    let mut swapped = other_url.clone();
    let pairs: Vec<(String, String)> = other_url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "code" {
                code.clone()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    swapped.query_pairs_mut().clear().extend_pairs(pairs);
    let landed = callback(&http, &mut other, &swapped).await;
    assert_refused(&landed, &other, "sign_in_failed");
}

#[tokio::test]
async fn an_id_token_for_another_nonce_is_refused() {
    let http = no_redirects();
    let run = ulid::Ulid::new().to_string().to_lowercase();
    let (mut jar, url) = to_callback(&http, &format!("frank-{run}")).await;
    // What Parley remembered for this sign-in, with the nonce changed: the provider's ID token
    // (carrying the original nonce) no longer matches.
    let state = query_param(&url, "state");
    let redis = realtime::Redis::connect(&std::env::var("REDIS_URL").unwrap())
        .await
        .unwrap();
    let key = format!("oidc:pending:{}", auth::secrets::hash_token(&state));
    let mut pending: auth::PendingLogin = redis.take_json(&key).await.unwrap().unwrap();
    pending.nonce = "another-nonce".into();
    redis.put_json(&key, &pending, 600).await.unwrap();

    let landed = callback(&http, &mut jar, &url).await;
    assert_refused(&landed, &jar, "sign_in_failed");
}

#[tokio::test]
async fn an_unverified_email_signs_nobody_in() {
    let http = no_redirects();
    let run = ulid::Ulid::new().to_string().to_lowercase();
    // The local provider marks logins starting with "unverified" as not verified.
    let (mut jar, url) = to_callback(&http, &format!("unverified-{run}")).await;
    let landed = callback(&http, &mut jar, &url).await;
    assert_refused(&landed, &jar, "email_not_verified");
}

#[tokio::test]
async fn two_people_sign_in_through_the_identity_provider_and_chat_live() {
    let base = base_url();
    let http = no_redirects();
    let run = ulid::Ulid::new().to_string().to_lowercase();
    let alice = sign_in(&http, &format!("alice-{run}")).await;
    let bob = sign_in(&http, &format!("bob-{run}")).await;
    assert_eq!(alice.user.email, format!("alice-{run}@example.com"));
    assert_ne!(alice.user.id, bob.user.id);

    // Signing in again finds the same account.
    let again = sign_in(&http, &format!("alice-{run}")).await;
    assert_eq!(again.user.id, alice.user.id);

    let config: ClientConfig = http
        .get(format!("{base}/api/v1/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ticket: WsTicket = http
        .post(format!("{base}/api/v1/ws/ticket"))
        .bearer_auth(&bob.access_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // As the app's page opens it: with the app's origin.
    let mut handshake = format!("{}?ticket={}", config.ws_url, ticket.ticket)
        .into_client_request()
        .unwrap();
    handshake
        .headers_mut()
        .insert("origin", base.parse().unwrap());
    let (mut bob_socket, _) = connect_async(handshake).await.unwrap();
    // As the app does at once: events are held for a socket until its first ping.
    bob_socket
        .send(Frame::Text(r#"{"type":"ping"}"#.into()))
        .await
        .unwrap();

    let body = format!("hello bob, from alice ({run})");
    let sent = http
        .post(format!(
            "{base}/api/v1/channels/{}/messages",
            domain::ChannelId::GENERAL
        ))
        .bearer_auth(&alice.access_token)
        .json(&serde_json::json!({ "body": body }))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::CREATED);
    let sent: Message = sent.json().await.unwrap();

    // Other people's messages may arrive too (the channel is shared by every test): wait for ours.
    let received = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(Ok(frame)) = bob_socket.next().await {
            if let Frame::Text(text) = frame
                && let Ok(ServerEvent::MessageNew(message)) = serde_json::from_str(&text)
                && message.id == sent.id
            {
                return message;
            }
        }
        panic!("bob's socket closed before the message arrived");
    })
    .await
    .expect("alice's message did not reach bob within 10 s");
    assert_eq!(received.body, body);
    assert_eq!(received.author_id, alice.user.id);
}

#[tokio::test]
async fn a_callback_without_the_matching_state_cookie_signs_nobody_in() {
    let base = base_url();
    let http = no_redirects();
    let answer = http
        .get(format!(
            "{base}/auth/oidc/callback?code=stolen&state=guessed"
        ))
        .header(COOKIE, "parley_oidc_state=other")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(answer.headers()[LOCATION], "/?authError=state_mismatch");
    assert!(
        answer
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("parley_refresh=")),
        "no session on a failed callback"
    );
    let refresh = http
        .post(format!("{base}/auth/token/refresh"))
        .header(ORIGIN, base.trim_end_matches('/'))
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn each_sign_in_takes_the_name_the_provider_gives_now() {
    let http = no_redirects();
    let run = ulid::Ulid::new().to_string().to_lowercase();
    let first = sign_in(&http, &format!("fay-{run}")).await;
    // The local provider names `fay-…` "Fay-…".
    let given = format!("Fay-{run}");
    assert_eq!(first.user.display_name, given);

    // Since then the stored name went stale (as when the provider's changed in between).
    let store = store::Store::connect(
        &std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".into()),
        std::env::var("DYNAMODB_ENDPOINT").ok().as_deref(),
        std::env::var("DYNAMODB_TABLE").expect("DYNAMODB_TABLE is the gateway's table"),
    )
    .await;
    let formerly = domain::user::DisplayName::parse("Fay Formerly").unwrap();
    let change = store::profiles::ProfileChange {
        display_name: Some(&formerly),
        ..Default::default()
    };
    let stale = store
        .users()
        .change_profile(&first.user, change)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stale.display_name, "Fay Formerly");

    // SSO accounts cannot rename themselves: the name is the provider's.
    let refused = http
        .patch(format!("{}/api/v1/users/me", base_url()))
        .bearer_auth(&first.access_token)
        .json(&serde_json::json!({"displayName": "Fay Chosen"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    let again = sign_in(&http, &format!("fay-{run}")).await;
    assert_eq!(again.user.id, first.user.id);
    assert_eq!(
        again.user.display_name, given,
        "the provider's name is back"
    );
    let stored = store.users().get(first.user.id).await.unwrap().unwrap();
    assert_eq!(stored.display_name, given);
}
