//! Mail when away, end to end through the SES stand-in: a mention or a direct message to
//! someone with no app open for a while is mailed once (a second within the gap is not), not
//! to someone connected or just gone, not against their level or their choice; the mail's
//! link turns mail off without signing in.

use axum::http::{Method, StatusCode};
use domain::user::Role;
use serde_json::json;

use crate::invites::mails_to;
use crate::notifications::{group, send};
use crate::{code, spawn_app, unique};

#[tokio::test]
async fn a_mention_or_message_while_away_is_mailed_once() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let (ann, bob, cy, dee, eve) = (
        app.person("Ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
        app.person("dee", Role::Member).await,
        app.person("eve", Role::Member).await,
    );
    let name = unique("room");
    let room = app.channel(&ann, &name, "public").await;
    for p in [&bob, &cy, &dee] {
        app.add(&room, p, domain::channel::ChannelRole::Member)
            .await;
    }
    let channel = format!("/api/v1/channels/{room}");
    // Cy has the app open; Dee just closed it.
    let _cy_d = devices.connect(&app, &cy).await;
    let dee_d = devices.connect(&app, &dee).await;
    app.ws("$disconnect", &dee_d.id, json!({})).await;

    let body = format!(
        "@{} @{} @{} the build is red",
        bob.user.handle, cy.user.handle, dee.user.handle
    );
    let id = send(&app, &ann, &channel, &body, None).await;
    let mails = mails_to(&bob.user.email).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert_eq!(mail["Subject"], format!("Ann mentioned you in #{name}"));
    let text = mail["BodyText"].as_str().unwrap();
    assert!(text.contains("the build is red"), "{text}");
    assert!(text.contains(&format!("/c/{room}?message={id}")), "{text}");
    assert!(mails_to(&cy.user.email).await.is_empty(), "connected");
    assert!(mails_to(&dee.user.email).await.is_empty(), "just gone");

    // Another mention within the gap: still one mail.
    send(
        &app,
        &ann,
        &channel,
        &format!("@{} again", bob.user.handle),
        None,
    )
    .await;
    assert_eq!(mails_to(&bob.user.email).await.len(), 1);

    // A direct message to someone away is mailed too; a plain channel message is not.
    send(&app, &ann, &channel, "nothing for anyone", None).await;
    let dm = group(&app, &ann, &[&eve]).await;
    send(&app, &ann, &dm, "are you there?", None).await;
    let mails = mails_to(&eve.user.email).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["Subject"], "Ann wrote to you in a conversation");
}

#[tokio::test]
async fn settings_are_respected_and_the_link_turns_mail_off() {
    let app = spawn_app().await;
    let (ann, bob, cy) = (
        app.person("Ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob, &cy]).await;
    // Bob wants nothing from this channel; Cy turned mail off.
    let (status, _) = app
        .patch(
            &format!("{place}/membership"),
            &bob,
            json!({"notifyLevel": "nothing"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let off = json!({"level": "all", "desktop": true, "sound": false, "email": false});
    assert_eq!(
        app.put("/api/v1/me/notifications", &cy, off).await.0,
        StatusCode::OK
    );
    let body = format!("@{} @{} look", bob.user.handle, cy.user.handle);
    send(&app, &ann, &place, &body, None).await;
    assert!(mails_to(&bob.user.email).await.is_empty());
    assert!(mails_to(&cy.user.email).await.is_empty());

    // Bob follows his own level again and is mailed; the mail's link turns mail off.
    let (status, _) = app
        .patch(
            &format!("{place}/membership"),
            &bob,
            json!({"notifyLevel": null}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    send(&app, &ann, &place, &body, None).await;
    let mails = mails_to(&bob.user.email).await;
    assert_eq!(mails.len(), 1);
    let text = mails[0]["BodyText"].as_str().unwrap();
    let start = text
        .find("/auth/mail/unsubscribe?token=")
        .expect("an unsubscribe link");
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(
        text[..start].ends_with(crate::APP_ORIGIN),
        "an absolute link: {text}"
    );
    // Opening the link changes nothing: only its button does.
    let (status, page) = app.call(Method::GET, &link, None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.as_str().unwrap().contains("<form method=\"post\""),
        "{page}"
    );
    let (_, settings) = app.get("/api/v1/me/notifications", &bob).await;
    assert_eq!(settings["email"], true);
    for _ in 0..2 {
        let (status, page) = app.call(Method::POST, &link, None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.as_str().unwrap().contains("no more"), "{page}");
    }
    let (_, settings) = app.get("/api/v1/me/notifications", &bob).await;
    assert_eq!(
        (settings["email"].as_bool(), &settings["level"]),
        (Some(false), &json!("all"))
    );

    // A link that is not one changes nobody's mail.
    let (status, answer) = app
        .call(Method::POST, &format!("{link}x"), None, None)
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "unsubscribe_link_invalid")
    );
    let (status, answer) = app
        .call(Method::GET, "/auth/mail/unsubscribe", None, None)
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_query")
    );
}
