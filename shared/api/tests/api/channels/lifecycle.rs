//! A channel's life: #general cannot be left, archived or renamed; an archived channel is
//! read-only but readable, until it is unarchived.

use axum::http::{Method, StatusCode};
use domain::channel::ChannelRole;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app, unique};

#[tokio::test]
async fn general_cannot_be_left_archived_or_renamed() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let general = domain::ChannelId::GENERAL.to_string();
    let tries = [
        (Method::POST, "/leave", json!({})),
        (Method::POST, "/archive", json!({})),
        (Method::PATCH, "", json!({"name": "everyone"})),
    ];
    for (method, action, body) in tries {
        let path = format!("/api/v1/channels/{general}{action}");
        let (status, answer) = app.call(method, &path, Some(&admin), Some(body)).await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::FORBIDDEN, "general_is_fixed"),
            "{path}"
        );
    }
    let (_, still) = app.get("/api/v1/channels/general", &admin).await;
    assert_eq!(still["id"], general.as_str());
}

#[tokio::test]
async fn archived_channels_are_read_only_and_readable() {
    let app = spawn_app().await;
    let (ann, bob, cy) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let id = app.channel(&ann, &unique("arch"), "public").await;
    app.add(&id, &bob, ChannelRole::Member).await;
    let messages = format!("/api/v1/channels/{id}/messages");
    assert_eq!(
        app.post(&messages, &bob, json!({"body": "before"})).await.0,
        StatusCode::CREATED
    );
    let (status, archived) = app
        .post(&format!("/api/v1/channels/{id}/archive"), &ann, json!({}))
        .await;
    assert_eq!(
        (status, archived["archived"].as_bool()),
        (StatusCode::OK, Some(true))
    );

    let (status, answer) = app.post(&messages, &bob, json!({"body": "after"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "channel_archived")
    );
    let (status, page) = app.get(&messages, &bob).await;
    assert_eq!(status, StatusCode::OK);
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert!(
        bodies.contains(&"before") && !bodies.contains(&"after"),
        "{bodies:?}"
    );
    let (status, answer) = app
        .post(&format!("/api/v1/channels/{id}/join"), &cy, json!({}))
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "channel_archived")
    );
    let (_, directory) = app.get("/api/v1/channels?q=arch", &cy).await;
    assert!(
        directory["items"].as_array().unwrap().is_empty(),
        "{directory}"
    );

    let (status, _) = app
        .post(&format!("/api/v1/channels/{id}/unarchive"), &ann, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.post(&messages, &bob, json!({"body": "again"})).await.0,
        StatusCode::CREATED
    );
    let (_, directory) = app.get("/api/v1/channels?q=arch", &cy).await;
    assert_eq!(directory["items"].as_array().unwrap().len(), 1);
}
