//! Editing and deleting messages: only the author edits and an edit is marked; deletes are
//! soft (the message keeps its place and its thread) and follow the roles; a message is reached
//! only through its own conversation.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app};

#[tokio::test]
async fn only_the_author_edits_and_edits_are_marked() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob]).await;
    let message = app.say(&place, &bob, json!({"body": "helo"})).await;
    let path = format!("{place}/messages/{}", message["id"].as_str().unwrap());
    let (status, answer) = app.patch(&path, &ann, json!({"body": "hijacked"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "not_author")
    );
    let (status, answer) = app.patch(&path, &bob, json!({"body": " "})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let (status, edited) = app.patch(&path, &bob, json!({"body": "hello"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(edited["body"], "hello");
    assert!(edited["editedAt"].is_string());
    let (_, page) = app.get(&format!("{place}/messages"), &ann).await;
    assert_eq!(page["items"][0]["body"], "hello");
}

#[tokio::test]
async fn deletes_are_soft_and_follow_the_roles() {
    let app = spawn_app().await;
    let (ann, bob, cy) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob, &cy]).await;
    let root = app.say(&place, &bob, json!({"body": "question"})).await;
    let root_id = root["id"].as_str().unwrap();
    app.say(
        &place,
        &cy,
        json!({"body": "answer", "threadRootID": root_id}),
    )
    .await;
    let path = format!("{place}/messages/{root_id}");
    // A plain member cannot delete someone else's message; the channel owner can.
    assert_eq!(app.delete(&path, &cy).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.delete(&path, &ann).await.0, StatusCode::NO_CONTENT);
    let (status, answer) = app.patch(&path, &bob, json!({"body": "again"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "message_deleted")
    );
    // It keeps its place and its thread.
    let (_, page) = app.get(&format!("{place}/messages"), &cy).await;
    let shown = &page["items"][0];
    assert_eq!(
        (shown["deleted"].as_bool(), shown["body"].as_str()),
        (Some(true), Some(""))
    );
    assert_eq!(shown["replyCount"], 1);
    let (_, thread) = app.get(&format!("{path}/thread"), &cy).await;
    assert_eq!(thread["replies"][0]["body"], "answer");

    // In a conversation only the author deletes.
    let (_, dm) = app.open_conversation(&ann, json!([bob.id()])).await;
    let dm = format!(
        "/api/v1/conversations/{}",
        dm["conversation"]["id"].as_str().unwrap()
    );
    let mine = app.say(&dm, &bob, json!({"body": "private"})).await;
    let mine = format!("{dm}/messages/{}", mine["id"].as_str().unwrap());
    assert_eq!(app.delete(&mine, &ann).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.delete(&mine, &bob).await.0, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_message_is_reached_only_through_its_own_conversation() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let here = app.room(&ann, &[]).await;
    let elsewhere = app.room(&ann, &[]).await;
    let message = app
        .say(&elsewhere, &ann, json!({"body": "over there"}))
        .await;
    let id = message["id"].as_str().unwrap();
    let (status, answer) = app
        .patch(
            &format!("{here}/messages/{id}"),
            &ann,
            json!({"body": "moved"}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "message_not_found")
    );
    let (status, _) = app.delete(&format!("{here}/messages/{id}"), &ann).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .get(&format!("{here}/messages/not-an-id/thread"), &ann)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, still) = app.get(&format!("{elsewhere}/messages"), &ann).await;
    assert_eq!(still["items"][0]["body"], "over there");
}
