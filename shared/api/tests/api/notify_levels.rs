//! A notification level per channel or conversation, on top of each person's own: set in the
//! membership (`notifyLevel`), cleared with `null` to follow their own again, refused when it
//! is not a level (nothing stored), and what a send decides with.

use axum::http::StatusCode;
use domain::notifications::NotificationKind;
use domain::user::Role;
use serde_json::json;

use crate::notifications::{group, kinds, send, set_level};
use crate::{Person, TestApp, code, spawn_app, unique};

async fn set_place_level(app: &TestApp, who: &Person, place: &str, level: serde_json::Value) {
    let (status, row) = app
        .patch(
            &format!("{place}/membership"),
            who,
            json!({"notifyLevel": level}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{row}");
    assert_eq!(row["notifyLevel"], level);
}

#[tokio::test]
async fn a_place_level_overrides_the_persons_own_both_ways() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let (ann, bob, cy) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let room = app.channel(&ann, &unique("room"), "public").await;
    for p in [&bob, &cy] {
        app.add(&room, p, domain::channel::ChannelRole::Member)
            .await;
    }
    let channel = format!("/api/v1/channels/{room}");
    let dm = group(&app, &ann, &[&bob, &cy]).await;
    let (bob_d, cy_d) = (
        devices.connect(&app, &bob).await,
        devices.connect(&app, &cy).await,
    );
    let mention = format!("@{} @{} look", bob.user.handle, cy.user.handle);

    // Bob silences the channel only: its mentions stop, the group's messages still come.
    set_place_level(&app, &bob, &channel, json!("nothing")).await;
    send(&app, &ann, &channel, &mention, None).await;
    assert_eq!(kinds(&bob_d), []);
    assert_eq!(kinds(&cy_d), [NotificationKind::Mention]);
    send(&app, &ann, &dm, "lunch?", None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Message]);
    assert_eq!(kinds(&cy_d), [NotificationKind::Message]);

    // Cy wants nothing anywhere but this channel, where they want mentions.
    set_level(&app, &cy, "nothing").await;
    set_place_level(&app, &cy, &channel, json!("mentions")).await;
    send(&app, &ann, &channel, &mention, None).await;
    assert_eq!(kinds(&cy_d), [NotificationKind::Mention]);
    send(&app, &ann, &dm, "still lunch?", None).await;
    assert_eq!(kinds(&cy_d), []);
    assert_eq!(kinds(&bob_d), [NotificationKind::Message]);

    // `null` follows their own setting again.
    set_place_level(&app, &bob, &channel, json!(null)).await;
    send(&app, &ann, &channel, &mention, None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Mention]);
    let (_, sidebar) = app.get("/api/v1/sidebar", &bob).await;
    let row = sidebar["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["channel"]["id"] == json!(room))
        .unwrap();
    assert_eq!(row["membership"]["notifyLevel"], json!(null));
}

#[tokio::test]
async fn a_bad_level_is_refused_and_nothing_changes() {
    let app = spawn_app().await;
    let (ann, nils) = (
        app.person("ann", Role::Member).await,
        app.person("nils", Role::Member).await,
    );
    let place = app.room(&ann, &[]).await;
    let path = format!("{place}/membership");
    let (status, answer) = app
        .patch(
            &path,
            &ann,
            json!({"notifyLevel": "loud", "favorite": true}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_body")
    );
    let (_, sidebar) = app.get("/api/v1/sidebar", &ann).await;
    let row = &sidebar["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| format!("/api/v1/channels/{}", c["channel"]["id"].as_str().unwrap()) == place)
        .unwrap()["membership"];
    assert_eq!(
        (row["favorite"].as_bool(), &row["notifyLevel"]),
        (Some(false), &json!(null))
    );
    // Someone outside chooses nothing for it.
    let (status, answer) = app.patch(&path, &nils, json!({"notifyLevel": "all"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "not_a_member")
    );
}
