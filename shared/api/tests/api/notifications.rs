//! Who gets `notification.new`, decided on the server: mentions by handle always (muted or not),
//! `@all` and `@here` without the muted, every other participant of a conversation, a thread's
//! followers for its replies; never the author, never for a plain channel message or a system
//! message; one per person, the strongest reason winning; each person's settings last (and kept
//! per person).

use axum::http::StatusCode;
use domain::events::ServerEvent;
use domain::notifications::{Notification, NotificationKind};
use domain::user::Role;
use serde_json::json;

use crate::devices::Device;
use crate::{Person, TestApp, code, spawn_app, unique};

/// The notifications a device got since the last look.
pub(crate) fn notifications(device: &Device) -> Vec<Notification> {
    device
        .events()
        .into_iter()
        .filter_map(|e| match e {
            ServerEvent::NotificationNew(n) => Some(n),
            _ => None,
        })
        .collect()
}

pub(crate) fn kinds(device: &Device) -> Vec<NotificationKind> {
    notifications(device).into_iter().map(|n| n.kind).collect()
}

/// Sends a message (a reply when `root` is given); its id.
pub(crate) async fn send(
    app: &TestApp,
    who: &Person,
    place: &str,
    body: &str,
    root: Option<&str>,
) -> String {
    let mut request = json!({"body": body});
    if let Some(root) = root {
        request["threadRootID"] = json!(root);
    }
    let (status, sent) = app.post(&format!("{place}/messages"), who, request).await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    sent["id"].as_str().unwrap().to_string()
}

async fn mute(app: &TestApp, who: &Person, place: &str) {
    let (status, body) = app
        .patch(&format!("{place}/membership"), who, json!({"muted": true}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

pub(crate) async fn set_level(app: &TestApp, who: &Person, level: &str) {
    let settings = json!({"level": level, "desktop": true, "sound": false, "email": true});
    let (status, body) = app
        .put("/api/v1/me/notifications", who, settings.clone())
        .await;
    assert_eq!((status, body), (StatusCode::OK, settings));
}

/// A group conversation of `who` and `others`; its path.
pub(crate) async fn group(app: &TestApp, who: &Person, others: &[&Person]) -> String {
    let ids: Vec<String> = others.iter().map(|p| p.id()).collect();
    let (status, body) = app.open_conversation(who, json!(ids)).await;
    assert!(status.is_success(), "{body}");
    format!(
        "/api/v1/conversations/{}",
        body["conversation"]["id"].as_str().unwrap()
    )
}

#[tokio::test]
async fn in_a_channel_mentions_notify_and_plain_messages_do_not() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let cy = app.person("cy", Role::Member).await;
    let dee = app.person("dee", Role::Member).await;
    let eve = app.person("eve", Role::Member).await;
    let room = app.channel(&ann, &unique("room"), "public").await;
    for p in [&bob, &cy, &dee] {
        app.add(&room, p, domain::channel::ChannelRole::Member)
            .await;
    }
    let place = format!("/api/v1/channels/{room}");
    mute(&app, &cy, &place).await;
    let [ann_d, bob_d, cy_d, dee_d, eve_d] = [
        devices.connect(&app, &ann).await,
        devices.connect(&app, &bob).await,
        devices.connect(&app, &cy).await,
        devices.connect(&app, &dee).await,
        devices.connect(&app, &eve).await,
    ];
    let all = [&ann_d, &bob_d, &cy_d, &dee_d, &eve_d];
    let nobody = |devices: &[&Device]| {
        for d in devices {
            assert_eq!(kinds(d), [], "device {}", d.id);
        }
    };

    // A plain message: everyone in the channel sees it, nobody is notified.
    send(&app, &ann, &place, "fyi, the build is green", None).await;
    nobody(&all);

    // `@all`: every member who did not mute, never the author; a one-line excerpt.
    let id = send(&app, &ann, &place, "@all standup\n\nin 5 minutes", None).await;
    for d in [&bob_d, &dee_d] {
        match &notifications(d)[..] {
            [n] => {
                assert_eq!(n.kind, NotificationKind::Mention);
                assert_eq!(n.excerpt, "@all standup in 5 minutes");
                assert_eq!(
                    (n.message_id.to_string(), n.author_id, n.parent_id.as_str()),
                    (id.clone(), ann.user.id, room.as_str())
                );
            }
            other => panic!("{other:?}"),
        }
    }
    nobody(&[&ann_d, &cy_d, &eve_d]);

    // `@here`: the members online now who did not mute; dee is away.
    app.frame(&dee_d, json!({"type": "presence", "status": "away"}))
        .await;
    send(&app, &ann, &place, "@here who is around?", None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Mention]);
    nobody(&[&ann_d, &cy_d, &dee_d, &eve_d]);
    app.frame(&dee_d, json!({"type": "presence", "status": "online"}))
        .await;
    send(&app, &ann, &place, "@here again", None).await;
    for d in [&bob_d, &dee_d] {
        assert_eq!(kinds(d), [NotificationKind::Mention]);
    }

    // A mention by handle reaches a member who muted the channel, not a non-member, and not
    // the author mentioning themselves.
    let body = format!(
        "@{} @{} @{} look",
        cy.user.handle, eve.user.handle, ann.user.handle
    );
    send(&app, &ann, &place, &body, None).await;
    assert_eq!(kinds(&cy_d), [NotificationKind::Mention]);
    nobody(&[&ann_d, &bob_d, &dee_d, &eve_d]);

    // Mentioned twice over (`@all` and by handle): one notification.
    let body = format!("@all and @{} especially", bob.user.handle);
    send(&app, &ann, &place, &body, None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Mention]);

    // A long message is cut to the excerpt length, on one line.
    let long = format!("@{} {}", bob.user.handle, "word ".repeat(100));
    send(&app, &ann, &place, &long, None).await;
    let excerpt = notifications(&bob_d).remove(0).excerpt;
    assert_eq!(
        excerpt.chars().count(),
        domain::limits::NOTIFICATION_EXCERPT_CHARS
    );
    assert!(
        !excerpt.contains('\n') && excerpt.ends_with('…'),
        "{excerpt}"
    );
}

#[tokio::test]
async fn in_a_conversation_every_other_participant_is_notified_unless_muted() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let cy = app.person("cy", Role::Member).await;
    let dee = app.person("dee", Role::Member).await;
    let place = group(&app, &ann, &[&bob, &cy]).await;
    mute(&app, &cy, &place).await;
    let [ann_d, bob_d, cy_d, dee_d] = [
        devices.connect(&app, &ann).await,
        devices.connect(&app, &bob).await,
        devices.connect(&app, &cy).await,
        devices.connect(&app, &dee).await,
    ];

    send(&app, &ann, &place, "lunch?", None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Message]);
    assert_eq!(kinds(&cy_d), []);
    assert_eq!(kinds(&ann_d), []);

    // A mention is the stronger reason: one notification, of kind mention; muted or not.
    let body = format!("@{} @{} lunch?", bob.user.handle, cy.user.handle);
    send(&app, &ann, &place, &body, None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Mention]);
    assert_eq!(kinds(&cy_d), [NotificationKind::Mention]);

    // The system message of an addition notifies nobody.
    let (status, body) = app
        .post(
            &format!("{place}/participants"),
            &ann,
            json!({"userIDs": [dee.id()]}),
        )
        .await;
    assert!(status.is_success(), "{body}");
    for d in [&ann_d, &bob_d, &cy_d, &dee_d] {
        assert_eq!(kinds(d), []);
    }

    // A direct message notifies its other person.
    let (_, dm) = app.open_conversation(&dee, json!([ann.id()])).await;
    let dm = format!(
        "/api/v1/conversations/{}",
        dm["conversation"]["id"].as_str().unwrap()
    );
    send(&app, &dee, &dm, "hi ann", None).await;
    assert_eq!(kinds(&ann_d), [NotificationKind::Message]);
    assert_eq!(kinds(&dee_d), []);
}

#[tokio::test]
async fn thread_replies_notify_the_followers_who_did_not_mute() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let cy = app.person("cy", Role::Member).await;
    let dee = app.person("dee", Role::Member).await;
    let room = app.channel(&ann, &unique("room"), "public").await;
    for p in [&bob, &cy, &dee] {
        app.add(&room, p, domain::channel::ChannelRole::Member)
            .await;
    }
    let place = format!("/api/v1/channels/{room}");
    let [ann_d, bob_d, cy_d, dee_d] = [
        devices.connect(&app, &ann).await,
        devices.connect(&app, &bob).await,
        devices.connect(&app, &cy).await,
        devices.connect(&app, &dee).await,
    ];
    let root = send(&app, &ann, &place, "release plan", None).await;

    // The root's author follows; the replier does too, from now on.
    send(&app, &bob, &place, "looks good", Some(&root)).await;
    assert_eq!(kinds(&ann_d), [NotificationKind::ThreadReply]);
    for d in [&bob_d, &cy_d, &dee_d] {
        assert_eq!(kinds(d), []);
    }

    // cy follows by choice; then a reply reaches ann, bob and cy, not its writer dee.
    let follow = format!("{place}/messages/{root}/follow");
    let (status, _) = app.put(&follow, &cy, json!({"following": true})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let reply = send(&app, &dee, &place, "ship it", Some(&root)).await;
    for d in [&ann_d, &bob_d, &cy_d] {
        match &notifications(d)[..] {
            [n] => {
                assert_eq!(n.kind, NotificationKind::ThreadReply);
                assert_eq!(n.message_id.to_string(), reply);
                assert_eq!(n.thread_root_id.map(|r| r.to_string()), Some(root.clone()));
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(kinds(&dee_d), []);

    // Muting the channel silences replies; a mention in a reply still gets through.
    mute(&app, &cy, &place).await;
    send(&app, &dee, &place, "one more thing", Some(&root)).await;
    assert_eq!(kinds(&cy_d), []);
    assert_eq!(kinds(&bob_d), [NotificationKind::ThreadReply]);
    let body = format!("@{} can you check?", cy.user.handle);
    send(&app, &dee, &place, &body, Some(&root)).await;
    assert_eq!(kinds(&cy_d), [NotificationKind::Mention]);

    // Unfollowing stops them.
    let (status, _) = app.put(&follow, &ann, json!({"following": false})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    ann_d.events();
    send(&app, &bob, &place, "last call", Some(&root)).await;
    assert_eq!(kinds(&ann_d), []);
}

#[tokio::test]
async fn settings_default_and_decide_what_is_sent() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let (status, defaults) = app.get("/api/v1/me/notifications", &bob).await;
    assert_eq!(
        (status, defaults),
        (
            StatusCode::OK,
            json!({"level": "all", "desktop": true, "sound": false, "email": true})
        )
    );
    for bad in [
        json!({"level": "loud", "desktop": true, "sound": false}),
        json!({"level": "all", "desktop": true}),
        json!({"level": "all", "desktop": true, "sound": false, "extra": 1}),
    ] {
        let (status, body) = app.put("/api/v1/me/notifications", &bob, bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(!code(&body).is_empty());
    }

    let room = app.channel(&ann, &unique("room"), "public").await;
    app.add(&room, &bob, domain::channel::ChannelRole::Member)
        .await;
    let place = format!("/api/v1/channels/{room}");
    let dm = group(&app, &ann, &[&bob]).await;
    let bob_d = devices.connect(&app, &bob).await;
    let root = send(&app, &bob, &place, "a question", None).await;
    let mention = format!("@{} hey", bob.user.handle);

    // Mentions only: mentions and direct messages, no thread replies.
    set_level(&app, &bob, "mentions").await;
    let (_, now) = app.get("/api/v1/me/notifications", &bob).await;
    assert_eq!(now["level"], "mentions");
    send(&app, &ann, &place, "an answer", Some(&root)).await;
    assert_eq!(kinds(&bob_d), []);
    send(&app, &ann, &dm, "psst", None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Message]);
    send(&app, &ann, &place, &mention, None).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::Mention]);

    // Nothing: nothing at all.
    set_level(&app, &bob, "nothing").await;
    send(&app, &ann, &place, &mention, None).await;
    send(&app, &ann, &dm, "psst", None).await;
    assert_eq!(kinds(&bob_d), []);

    // All again: thread replies too.
    set_level(&app, &bob, "all").await;
    send(&app, &ann, &place, "another answer", Some(&root)).await;
    assert_eq!(kinds(&bob_d), [NotificationKind::ThreadReply]);
}

#[tokio::test]
async fn notification_settings_are_kept_per_person() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let (_, defaults) = app.get("/api/v1/me/notifications", &ann).await;
    assert_eq!(
        defaults,
        json!({"level": "all", "desktop": true, "sound": false, "email": true})
    );
    let quiet = json!({"level": "mentions", "desktop": false, "sound": true, "email": false});
    let (status, _) = app
        .put("/api/v1/me/notifications", &ann, quiet.clone())
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.get("/api/v1/me/notifications", &ann).await.1, quiet);
    assert_eq!(app.get("/api/v1/me/notifications", &bob).await.1, defaults);
    let (status, _) = app
        .put(
            "/api/v1/me/notifications",
            &ann,
            json!({"level": "loud", "desktop": true, "sound": true}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
