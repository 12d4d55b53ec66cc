//! Reading a public channel before joining: any full member of the workspace reads its history
//! (newest page, older pages, around a message) and its members, but writes nothing until they
//! join; a private channel stays a 404 to everyone outside it, and a guest sees only the
//! channels they are in.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app, unique};

#[tokio::test]
async fn a_public_channel_is_read_before_joining_and_written_only_after() {
    let app = spawn_app().await;
    let (ann, nils) = (
        app.person("ann", Role::Member).await,
        app.person("nils", Role::Member).await,
    );
    let id = app.channel(&ann, &unique("open"), "public").await;
    let place = format!("/api/v1/channels/{id}");
    let first = app.say(&place, &ann, json!({"body": "first"})).await;
    app.say(&place, &ann, json!({"body": "second"})).await;

    let (status, page) = app.get(&format!("{place}/messages?limit=1"), &nils).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["items"][0]["body"], "second");
    let older = page["olderCursor"].as_str().unwrap();
    let (status, page) = app
        .get(&format!("{place}/messages?before={older}"), &nils)
        .await;
    assert_eq!(
        (status, &page["items"][0]["body"]),
        (StatusCode::OK, &json!("first"))
    );
    let around = first["id"].as_str().unwrap();
    let (status, _) = app
        .get(&format!("{place}/messages?around={around}"), &nils)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, members) = app.get(&format!("{place}/members"), &nils).await;
    assert_eq!(
        (status, members["items"].as_array().unwrap().len()),
        (StatusCode::OK, 1)
    );

    // Reading is not belonging: no writing, no threads, no read point, nothing stored.
    let (status, answer) = app
        .post(&format!("{place}/messages"), &nils, json!({"body": "hi"}))
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "not_a_member")
    );
    let (status, answer) = app
        .get(&format!("{place}/messages/{around}/thread"), &nils)
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "not_a_member")
    );
    let (status, _) = app
        .post(&format!("{place}/read"), &nils, json!({"seq": 2}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, sidebar) = app.get("/api/v1/sidebar", &nils).await;
    let listed = sidebar["channels"].as_array().unwrap();
    assert!(!listed.iter().any(|c| c["channel"]["id"] == json!(id)));
    let (_, page) = app.get(&format!("{place}/messages"), &ann).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);

    // Joining makes the same history theirs.
    let (status, _) = app.post(&format!("{place}/join"), &nils, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    app.say(&place, &nils, json!({"body": "hello all"})).await;
}

#[tokio::test]
async fn private_channels_and_guests_see_nothing_outside() {
    let app = spawn_app().await;
    let (ann, nils, gus, ada) = (
        app.person("ann", Role::Member).await,
        app.person("nils", Role::Member).await,
        app.person("gus", Role::Guest).await,
        app.person("ada", Role::Admin).await,
    );
    let secret = app.channel(&ann, &unique("secret"), "private").await;
    let secret = format!("/api/v1/channels/{secret}");
    let said = app.say(&secret, &ann, json!({"body": "between us"})).await;
    let around = said["id"].as_str().unwrap();
    // The same answer as a channel that does not exist, for a member and even a system admin.
    for who in [&nils, &ada, &gus] {
        for path in [
            format!("{secret}/messages"),
            format!("{secret}/messages?around={around}"),
        ] {
            let (status, answer) = app.get(&path, who).await;
            assert_eq!(
                (status, code(&answer)),
                (StatusCode::NOT_FOUND, "channel_not_found"),
                "{path}"
            );
        }
    }
    // A guest does not read a public channel they are not in.
    let open = app.channel(&ann, &unique("open"), "public").await;
    let (status, answer) = app
        .get(&format!("/api/v1/channels/{open}/messages"), &gus)
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "channel_not_found")
    );
    // Nor does anyone read a conversation they are not in.
    let (_, dm) = app.open_conversation(&ann, json!([ada.id()])).await;
    let dm = dm["conversation"]["id"].as_str().unwrap().to_string();
    let (status, answer) = app
        .get(&format!("/api/v1/conversations/{dm}/messages"), &nils)
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "conversation_not_found")
    );
}
