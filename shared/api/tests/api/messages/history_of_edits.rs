//! A message's edit history: each edit keeps the body it replaced (newest first, at most
//! `MESSAGE_EDIT_HISTORY_MAX`), members read it (threads' replies too), a delete drops it, and
//! a refused edit stores nothing.

use axum::http::StatusCode;
use domain::limits::MESSAGE_EDIT_HISTORY_MAX;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app};

#[tokio::test]
async fn edits_keep_the_earlier_bodies_newest_first() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob]).await;
    let sent = app.say(&place, &bob, json!({"body": "one"})).await;
    let path = format!("{place}/messages/{}", sent["id"].as_str().unwrap());
    let (status, history) = app.get(&format!("{path}/edits"), &ann).await;
    assert_eq!((status, history), (StatusCode::OK, json!({"items": []})));

    for body in ["two", "three"] {
        let (status, _) = app.patch(&path, &bob, json!({"body": body})).await;
        assert_eq!(status, StatusCode::OK);
    }
    // The same body again is no new version.
    let (status, edited) = app.patch(&path, &bob, json!({"body": "three"})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, history) = app.get(&format!("{path}/edits"), &ann).await;
    assert_eq!(status, StatusCode::OK);
    let bodies: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["two", "one"]);
    // "one" was written when sent, "two" at the first edit.
    assert_eq!(history["items"][1]["writtenAt"], sent["createdAt"]);
    assert!(history["items"][0]["writtenAt"].as_str() > sent["createdAt"].as_str());
    assert_eq!(edited["body"], "three");

    // A refused edit keeps nothing.
    let (status, answer) = app.patch(&path, &ann, json!({"body": "mine now"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "not_author")
    );
    let (status, _) = app.patch(&path, &bob, json!({"body": " "})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, again) = app.get(&format!("{path}/edits"), &ann).await;
    assert_eq!(again, history);
}

#[tokio::test]
async fn history_is_bounded_and_goes_with_a_delete() {
    let app = spawn_app().await;
    let bob = app.person("bob", Role::Member).await;
    let place = app.room(&bob, &[]).await;
    let sent = app.say(&place, &bob, json!({"body": "v0"})).await;
    let path = format!("{place}/messages/{}", sent["id"].as_str().unwrap());
    let edits = MESSAGE_EDIT_HISTORY_MAX + 3;
    for n in 1..=edits {
        let (status, _) = app
            .patch(&path, &bob, json!({"body": format!("v{n}")}))
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, history) = app.get(&format!("{path}/edits"), &bob).await;
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), MESSAGE_EDIT_HISTORY_MAX);
    assert_eq!(items[0]["body"], format!("v{}", edits - 1));
    assert_eq!(
        items[MESSAGE_EDIT_HISTORY_MAX - 1]["body"],
        format!("v{}", edits - MESSAGE_EDIT_HISTORY_MAX)
    );

    assert_eq!(app.delete(&path, &bob).await.0, StatusCode::NO_CONTENT);
    let (status, answer) = app.get(&format!("{path}/edits"), &bob).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "message_not_found")
    );
    // Nothing of it is left in the table.
    let parent = domain::Parent::Channel(place.rsplit('/').next().unwrap().parse().unwrap());
    let id = sent["id"].as_str().unwrap().parse().unwrap();
    let left = app
        .state
        .store
        .messages()
        .history(parent, id)
        .await
        .unwrap();
    assert!(left.items.is_empty());
}

#[tokio::test]
async fn replies_have_history_and_only_members_read_it() {
    let app = spawn_app().await;
    let (ann, bob, nils) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("nils", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob]).await;
    let root = app.say(&place, &ann, json!({"body": "question"})).await;
    let root_id = root["id"].as_str().unwrap();
    let reply = app
        .say(
            &place,
            &bob,
            json!({"body": "answr", "threadRootID": root_id}),
        )
        .await;
    let path = format!(
        "{place}/messages/{}?thread={root_id}",
        reply["id"].as_str().unwrap()
    );
    let (status, _) = app.patch(&path, &bob, json!({"body": "answer"})).await;
    assert_eq!(status, StatusCode::OK);
    let edits = format!(
        "{place}/messages/{}/edits?thread={root_id}",
        reply["id"].as_str().unwrap()
    );
    let (status, history) = app.get(&edits, &ann).await;
    assert_eq!(
        (status, &history["items"][0]["body"]),
        (StatusCode::OK, &json!("answr"))
    );
    // Someone outside (even of a public channel they may preview) reads no history.
    let (status, answer) = app.get(&edits, &nils).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "not_a_member")
    );
    // A bad id is a missing message, not a 500.
    let (status, answer) = app.get(&format!("{place}/messages/nope/edits"), &ann).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "message_not_found")
    );
}
