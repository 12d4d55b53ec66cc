//! Mentions: handles resolve to people (a picked handle too), `@here` and `@all` are flagged,
//! and members count them until they read.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::{Value, json};

use crate::handles::pick;
use crate::{code, spawn_app, unique};

#[tokio::test]
async fn mentions_resolve_handles_and_count_for_members_until_read() {
    let app = spawn_app().await;
    let (ann, bob, eve) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("eve", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob]).await;
    let body = format!(
        "hi @{} and @{}, see @here (mail ann@example.com)",
        bob.user.handle, eve.user.handle
    );
    let message = app.say(&place, &ann, json!({"body": body})).await;
    let mut ids: Vec<&str> = message["mentionIDs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    ids.sort();
    let mut expected = [bob.id(), eve.id()];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(
        (
            message["mentionsHere"].as_bool(),
            message["mentionsAll"].as_bool()
        ),
        (Some(true), Some(false))
    );

    let row = |sidebar: Value, id: &str| {
        sidebar["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"]["id"] == id)
            .map(|c| c["membership"].clone())
    };
    let channel = place.trim_start_matches("/api/v1/channels/").to_string();
    let bobs = row(app.get("/api/v1/sidebar", &bob).await.1, &channel).unwrap();
    assert_eq!(bobs["mentionCount"], 1);
    let (_, read) = app
        .post(
            &format!("{place}/read"),
            &bob,
            json!({"seq": message["seq"]}),
        )
        .await;
    assert_eq!(read["mentionCount"], 0, "caught up clears mentions");
    // eve is not a member: nothing counted for her.
    assert!(row(app.get("/api/v1/sidebar", &eve).await.1, &channel).is_none());
}

#[tokio::test]
async fn a_picked_handle_is_unique_and_mentions_follow_it() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let handle = unique("bobby");
    let (status, me) = pick(&app, &bob, &format!("@{}", handle.to_uppercase())).await;
    assert_eq!(
        (status, me["handle"].as_str()),
        (StatusCode::OK, Some(handle.as_str()))
    );
    let (status, answer) = pick(&app, &ann, &handle).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "handle_taken")
    );
    let (status, _) = pick(&app, &ann, "here").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let place = app.room(&ann, &[&bob]).await;
    let old = app
        .say(
            &place,
            &ann,
            json!({"body": format!("@{}", bob.user.handle)}),
        )
        .await;
    assert!(
        old["mentionIDs"].as_array().unwrap().is_empty(),
        "the old handle is free text now"
    );
    let new = app
        .say(&place, &ann, json!({"body": format!("@{handle}")}))
        .await;
    assert_eq!(new["mentionIDs"], json!([bob.id()]));
}
