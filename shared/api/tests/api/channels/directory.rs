//! Finding channels: the directory searches and really pages, and private channels stay
//! invisible to non-members, system admins included.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app, unique};

#[tokio::test]
async fn private_channels_stay_invisible_to_non_members() {
    let app = spawn_app().await;
    let (ann, eve, sys) = (
        app.person("ann", Role::Member).await,
        app.person("eve", Role::Member).await,
        app.person("sys", Role::Admin).await,
    );
    let name = unique("secret");
    let id = app.channel(&ann, &name, "private").await;
    for path in [
        format!("/api/v1/channels/{id}"),
        format!("/api/v1/channels/{name}"),
        format!("/api/v1/channels/{id}/members"),
        format!("/api/v1/channels/{id}/messages"),
    ] {
        let (status, answer) = app.get(&path, &eve).await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::NOT_FOUND, "channel_not_found"),
            "{path}"
        );
        assert!(
            !answer.to_string().contains(&name),
            "{path} leaks the name: {answer}"
        );
    }
    let (status, _) = app
        .post(&format!("/api/v1/channels/{id}/join"), &eve, json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, directory) = app.get(&format!("/api/v1/channels?q={name}"), &eve).await;
    assert!(directory["items"].as_array().unwrap().is_empty());
    // Not even a system admin outside it learns it exists.
    for path in [
        format!("/api/v1/channels/{id}"),
        format!("/api/v1/channels/{id}/messages"),
    ] {
        assert_eq!(
            app.get(&path, &sys).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_directory_searches_and_really_pages() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let tag = unique("dir");
    let mut made = Vec::new();
    for i in 0..7 {
        made.push(app.channel(&ann, &format!("{tag}-{i}"), "public").await);
    }
    app.channel(&ann, &format!("{tag}-hidden"), "private").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let mut path = format!("/api/v1/channels?q={tag}&limit=3");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let (status, page) = app.get(&path, &ann).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|c| c["id"].as_str().unwrap().to_string()));
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    made.reverse();
    assert_eq!(seen, made, "every public match once, newest first");
    let (status, answer) = app.get("/api/v1/channels?cursor=forged", &ann).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_cursor")
    );
    let (status, answer) = app.get("/api/v1/channels?limit=0", &ann).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_limit")
    );
}
