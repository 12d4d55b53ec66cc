//! Rate limits on what signed-in people do: WebSocket tickets (until the window ends), invites
//! per inviter and per address, and message sends, while a quick burst still goes through.

use std::time::Duration;

use axum::http::{Method, StatusCode, header};
use domain::limits::RateLimit;
use domain::user::Role;
use serde_json::{Value, json};

use super::{PLENTY, app_with, assert_limited, at_most, send};
use crate::invites::{address, mails_to};
use crate::{Person, code, spawn_app};

#[tokio::test]
async fn tickets_are_limited_per_user_and_the_limit_ends_with_its_window() {
    let app = app_with(|l| {
        l.ws_ticket_per_user = RateLimit {
            max: 2,
            window_seconds: 2,
        }
    })
    .await;
    let alice = app.person("Alice", Role::Member).await;
    let bob = app.person("Bob", Role::Member).await;
    let ticket = |who: &Person| {
        let auth = format!("Bearer {}", who.token);
        let app = &app;
        async move {
            send(
                app,
                Method::POST,
                "/api/v1/ws/ticket",
                "198.51.100.7",
                None,
                &[("authorization", &auth)],
            )
            .await
        }
    };
    for _ in 0..2 {
        assert_eq!(ticket(&alice).await.status, StatusCode::OK);
    }
    let over = ticket(&alice).await;
    assert_limited(&over, 2);
    assert_eq!(
        ticket(&bob).await.status,
        StatusCode::OK,
        "Bob is not affected"
    );

    // Once the window it gave has passed, tickets come again.
    let retry_after: u64 = over.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    tokio::time::sleep(Duration::from_secs(retry_after)).await;
    assert_eq!(ticket(&alice).await.status, StatusCode::OK);
}

#[tokio::test]
async fn invites_are_limited_per_inviter() {
    let app = app_with(|l| {
        l.invite_per_inviter = at_most(2);
        l.invite_per_address = PLENTY;
    })
    .await;
    let ada = app.person("Ada", Role::Admin).await;
    let eve = app.person("Eve", Role::Admin).await;
    let invite = |who: &Person, email: String| {
        let app = &app;
        let who = who.clone();
        async move {
            let (status, body) = app
                .post("/api/v1/invites", &who, json!({"email": email}))
                .await;
            (status, body)
        }
    };
    for _ in 0..2 {
        let (status, body) = invite(&ada, address("friend")).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let victim = address("friend");
    let (status, body) = invite(&ada, victim.clone()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(code(&body), "rate_limited");
    assert!(mails_to(&victim).await.is_empty());
    // Another inviter is not affected.
    let (status, body) = invite(&eve, victim).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn invites_to_one_address_are_limited_whoever_sends_them() {
    let app = app_with(|l| {
        l.invite_per_inviter = PLENTY;
        l.invite_per_address = at_most(2);
    })
    .await;
    let ada = app.person("Ada", Role::Admin).await;
    let eve = app.person("Eve", Role::Admin).await;
    let victim = address("victim");
    let mut refused = 0;
    for who in [&ada, &eve].into_iter().cycle().take(25) {
        // In any letter case: it is the same mailbox.
        let (status, body) = app
            .post(
                "/api/v1/invites",
                who,
                json!({"email": victim.to_uppercase()}),
            )
            .await;
        match status {
            StatusCode::CREATED => {}
            StatusCode::TOO_MANY_REQUESTS => {
                assert_eq!(code(&body), "rate_limited");
                refused += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(refused, 23);
    assert_eq!(mails_to(&victim).await.len(), 2);
    // Another address is not affected.
    let (status, body) = app
        .post("/api/v1/invites", &ada, json!({"email": address("other")}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn sends_are_limited_per_person_replies_included_and_nothing_is_stored() {
    let app = app_with(|l| l.message_send_per_user = at_most(3)).await;
    let ann = app.person("Ann", Role::Member).await;
    let bob = app.person("Bob", Role::Member).await;
    let place = format!("/api/v1/channels/{}", domain::ChannelId::GENERAL);
    let say = |who: &Person, body: Value| {
        let app = &app;
        let who = who.clone();
        let path = format!("{place}/messages");
        async move { app.post(&path, &who, body).await }
    };
    let (status, root) = say(&ann, json!({"body": "one"})).await;
    assert_eq!(status, StatusCode::CREATED, "{root}");
    let root_id = root["id"].as_str().unwrap().to_string();
    for body in ["two", "three"] {
        let (status, sent) = say(&ann, json!({"body": body})).await;
        assert_eq!(status, StatusCode::CREATED, "{sent}");
    }
    let (status, body) = say(&ann, json!({"body": "four"})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(code(&body), "rate_limited");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("messages"),
        "{body}"
    );
    let (status, body) = say(&ann, json!({"body": "a reply", "threadRootID": root_id})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");

    // Bob is not affected, and nothing Ann sent over the limit was stored.
    let (status, sent) = say(&bob, json!({"body": "hello"})).await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let (_, page) = app.get(&format!("{place}/messages"), &bob).await;
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["authorID"] == ann.id())
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies.len(), 3, "{page}");
    assert!(!bodies.contains(&"four") && !bodies.contains(&"a reply"));
}

#[tokio::test]
async fn the_send_limit_in_force_lets_a_quick_burst_through() {
    let app = spawn_app().await;
    let ann = app.person("Ann", Role::Member).await;
    let path = format!("/api/v1/channels/{}/messages", domain::ChannelId::GENERAL);
    // Pasting lines one by one, or a script's burst: 20 at once.
    let sends = (0..20).map(|i| {
        let (app, ann, path) = (&app, &ann, &path);
        async move {
            app.post(path, ann, json!({"body": format!("line {i}")}))
                .await
        }
    });
    for (status, body) in futures::future::join_all(sends).await {
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
}
