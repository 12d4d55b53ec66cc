//! Reading the history: a deep link opens it around its message.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app};

#[tokio::test]
async fn a_deep_link_opens_the_history_around_its_message() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let mut sent = Vec::new();
    for i in 0..30 {
        sent.push(
            app.say(&place, &ann, json!({"body": format!("m{i}")}))
                .await,
        );
    }
    let target = sent[10]["id"].as_str().unwrap();
    let (status, page) = app
        .get(&format!("{place}/messages?around={target}&limit=9"), &ann)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert_eq!(
        bodies,
        ["m14", "m13", "m12", "m11", "m10", "m9", "m8", "m7", "m6"]
    );
    assert_eq!(
        (
            page["hasMoreOlder"].as_bool(),
            page["hasMoreNewer"].as_bool()
        ),
        (Some(true), Some(true))
    );
    let (status, answer) = app
        .get(
            &format!("{place}/messages?around={}", domain::MessageId::new()),
            &ann,
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "message_not_found")
    );
}
