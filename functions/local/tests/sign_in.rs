//! The whole path against the running local gateway (`make test` starts it and sets
//! PARLEY_E2E_URL): two people sign in through the real OpenID provider, and a message one of
//! them sends reaches the other's WebSocket.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::time::Duration;

use domain::api::{ClientConfig, TokenResponse, WsTicket};
use domain::events::ServerEvent;
use domain::message::Message;
use futures::StreamExt;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Client, Response, StatusCode};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message as Frame;

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

/// Signs `login` in the way a browser does, and returns the access token.
async fn sign_in(http: &Client, login: &str) -> TokenResponse {
    let base = base_url();
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
            url = absolute(&at, &location);
            if url.as_str().trim_end_matches('/') == base.trim_end_matches('/') {
                assert!(!url.as_str().contains("authError"), "sign-in failed: {url}");
                break;
            }
            assert!(
                !location.contains("authError"),
                "sign-in failed: {location}"
            );
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
    assert!(
        jar.0.contains_key("parley_refresh"),
        "no refresh cookie after sign-in"
    );
    let refreshed = http
        .post(format!("{base}/auth/token/refresh"))
        .header(COOKIE, jar.header())
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), StatusCode::OK);
    refreshed.json().await.unwrap()
}

#[tokio::test]
async fn two_people_sign_in_through_the_identity_provider_and_chat_live() {
    let base = base_url();
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
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
    let (mut bob_socket, _) = connect_async(format!("{}?ticket={}", config.ws_url, ticket.ticket))
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
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
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
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);
}
