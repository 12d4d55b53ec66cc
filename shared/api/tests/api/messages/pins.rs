//! Pins: listed most recently pinned first, until unpinned or deleted.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::{Value, json};

use crate::spawn_app;

#[tokio::test]
async fn pins_are_listed_until_unpinned_or_deleted() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let first = app.say(&place, &ann, json!({"body": "first"})).await;
    let second = app.say(&place, &ann, json!({"body": "second"})).await;
    let pin = |m: &Value| format!("{place}/messages/{}/pin", m["id"].as_str().unwrap());
    for m in [&first, &second] {
        let (status, pinned) = app.put(&pin(m), &ann, json!({"pinned": true})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(pinned["pinnedBy"], ann.id().as_str());
    }
    let pinned = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|m| m["body"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, list) = app.get(&format!("{place}/pins"), &ann).await;
    assert_eq!(pinned(&list), ["second", "first"]);
    app.put(&pin(&first), &ann, json!({"pinned": false})).await;
    let (_, list) = app.get(&format!("{place}/pins"), &ann).await;
    assert_eq!(pinned(&list), ["second"]);
    app.delete(
        &format!("{place}/messages/{}", second["id"].as_str().unwrap()),
        &ann,
    )
    .await;
    let (_, list) = app.get(&format!("{place}/pins"), &ann).await;
    assert!(list.as_array().unwrap().is_empty());
}
