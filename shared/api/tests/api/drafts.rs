//! Drafts over the API: saved and cleared per conversation and thread, the newer edit wins
//! (older saves get 409 and change nothing), only where the caller is a member, and every
//! device of the caller hears of each change.

use axum::http::StatusCode;
use domain::events::ServerEvent;
use domain::user::Role;
use serde_json::{Value, json};

use crate::{TestApp, code, spawn_app, unique};

fn save(parent: &str, kind: &str, body: &str, edited_at: &str) -> Value {
    json!({"parentID": parent, "parentType": kind, "body": body, "editedAt": edited_at})
}

async fn put(app: &TestApp, who: &crate::Person, body: Value) -> (StatusCode, Value) {
    app.put("/api/v1/drafts", who, body).await
}

fn bodies(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| d["body"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn drafts_are_saved_listed_newest_first_and_cleared() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let ann = app.person("ann", Role::Member).await;
    let room = app.channel(&ann, &unique("room"), "public").await;
    let (_, dm) = app
        .open_conversation(&ann, json!([app.person("bob", Role::Member).await.id()]))
        .await;
    let dm = dm["conversation"]["id"].as_str().unwrap().to_string();
    let laptop = devices.connect(&app, &ann).await;
    let phone = devices.connect(&app, &ann).await;

    let (status, saved) = put(
        &app,
        &ann,
        save(
            &room,
            "channel",
            "  half a thought\n",
            "2026-01-01T10:00:00.000Z",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["body"], "  half a thought\n", "kept as typed");
    assert_eq!(saved["threadRootID"], Value::Null);
    // Each device of the caller hears of it.
    for device in [&laptop, &phone] {
        let told: Vec<_> = device
            .events()
            .into_iter()
            .filter_map(|e| match e {
                ServerEvent::DraftUpdated(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].body, "  half a thought\n");
    }

    let root = domain::MessageId::new().to_string();
    let mut in_thread = save(&room, "channel", "in the thread", "2026-01-01T10:00:02Z");
    in_thread["threadRootID"] = json!(root);
    assert_eq!(put(&app, &ann, in_thread).await.0, StatusCode::OK);
    // Any offset is the same instant: 10:00:01 UTC.
    let (status, saved) = put(
        &app,
        &ann,
        save(&dm, "conversation", "dm text", "2026-01-01T11:00:01+01:00"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved["editedAt"], "2026-01-01T10:00:01Z");
    let (status, list) = app.get("/api/v1/drafts", &ann).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        bodies(&list),
        ["in the thread", "dm text", "  half a thought\n"]
    );
    assert_eq!(list[0]["threadRootID"], json!(root));

    // A blank body clears the draft (204) and tells the devices with an empty body.
    laptop.events();
    let (status, answer) = put(
        &app,
        &ann,
        save(&dm, "conversation", " \n\t", "2026-01-01T10:00:03Z"),
    )
    .await;
    assert_eq!((status, answer), (StatusCode::NO_CONTENT, Value::Null));
    match &laptop.events()[..] {
        [ServerEvent::DraftUpdated(d)] => {
            assert_eq!((d.body.as_str(), d.parent_id.as_str()), ("", dm.as_str()))
        }
        other => panic!("{other:?}"),
    }
    let (_, list) = app.get("/api/v1/drafts", &ann).await;
    assert_eq!(bodies(&list), ["in the thread", "  half a thought\n"]);
}

#[tokio::test]
async fn an_older_save_is_refused_and_changes_nothing() {
    let (app, devices) = spawn_app().await.with_devices().await;
    let ann = app.person("ann", Role::Member).await;
    let room = app.channel(&ann, &unique("room"), "public").await;
    let phone = devices.connect(&app, &ann).await;
    let newer = save(
        &room,
        "channel",
        "typed on the laptop",
        "2026-01-01T10:00:00.500Z",
    );
    assert_eq!(put(&app, &ann, newer).await.0, StatusCode::OK);
    phone.events();

    // The phone's save was typed earlier (by half a second) but arrives later.
    let older = save(
        &room,
        "channel",
        "typed on the phone",
        "2026-01-01T10:00:00Z",
    );
    let (status, body) = put(&app, &ann, older).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "draft_stale"));
    let clear = save(&room, "channel", "", "2026-01-01T10:00:00Z");
    let (status, body) = put(&app, &ann, clear).await;
    assert_eq!((status, code(&body)), (StatusCode::CONFLICT, "draft_stale"));
    assert!(phone.events().is_empty(), "nothing changed, nothing told");
    let (_, list) = app.get("/api/v1/drafts", &ann).await;
    assert_eq!(bodies(&list), ["typed on the laptop"]);

    // A clock running ahead counts as now, so it cannot win over every later edit.
    let ahead = save(&room, "channel", "from the future", "2099-01-01T00:00:00Z");
    let (status, saved) = put(&app, &ann, ahead).await;
    assert_eq!(status, StatusCode::OK);
    let stored: domain::Timestamp = serde_json::from_value(saved["editedAt"].clone()).unwrap();
    assert!(stored <= domain::Timestamp::now());
    let (status, _) = put(
        &app,
        &ann,
        save(&room, "channel", "a moment later", "2099-01-01T00:00:00Z"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn drafts_only_where_the_caller_is_a_member_and_within_the_limits() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let eve = app.person("eve", Role::Member).await;
    let open = app.channel(&ann, &unique("open"), "public").await;
    let closed = app.channel(&ann, &unique("closed"), "private").await;
    let at = "2026-01-01T10:00:00Z";

    let refused = [
        (
            save(&open, "channel", "x", at),
            StatusCode::FORBIDDEN,
            "not_a_member",
        ),
        (
            save(&closed, "channel", "x", at),
            StatusCode::NOT_FOUND,
            "channel_not_found",
        ),
        (
            save(
                &domain::ConversationId::new().to_string(),
                "conversation",
                "x",
                at,
            ),
            StatusCode::NOT_FOUND,
            "conversation_not_found",
        ),
        (
            save("not-an-id", "channel", "x", at),
            StatusCode::NOT_FOUND,
            "channel_not_found",
        ),
    ];
    for (body, status, error) in refused {
        let (got, answer) = put(&app, &eve, body.clone()).await;
        assert_eq!((got, code(&answer)), (status, error), "{body}");
    }

    let mut bad_root = save(&open, "channel", "x", at);
    bad_root["threadRootID"] = json!("not-a-message-id");
    assert_eq!(put(&app, &ann, bad_root).await.0, StatusCode::BAD_REQUEST);
    let too_long = "x".repeat(domain::limits::MESSAGE_BODY_MAX_CHARS + 1);
    let (status, answer) = put(&app, &ann, save(&open, "channel", &too_long, at)).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_input")
    );
    let longest = "x".repeat(domain::limits::MESSAGE_BODY_MAX_CHARS);
    assert_eq!(
        put(&app, &ann, save(&open, "channel", &longest, at))
            .await
            .0,
        StatusCode::OK
    );
    // Nothing leaked into anyone else's list.
    let (_, list) = app.get("/api/v1/drafts", &eve).await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn drafts_keep_the_newer_text_and_clear_when_blank() {
    let app = spawn_app().await;
    let (ann, eve) = (
        app.person("ann", Role::Member).await,
        app.person("eve", Role::Member).await,
    );
    let place = app.room(&ann, &[]).await;
    let channel = place.trim_start_matches("/api/v1/channels/").to_string();
    let draft = |body: &str, at: &str| save(&channel, "channel", body, at);
    let (status, saved) = put(
        &app,
        &ann,
        draft("second thought", "2026-05-01T10:00:02.000Z"),
    )
    .await;
    assert_eq!(
        (status, saved["body"].as_str()),
        (StatusCode::OK, Some("second thought"))
    );
    // An older edit arriving late loses, and says so.
    let (status, answer) = put(
        &app,
        &ann,
        draft("first thought", "2026-05-01T10:00:01.000Z"),
    )
    .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "draft_stale")
    );
    let (_, drafts) = app.get("/api/v1/drafts", &ann).await;
    assert_eq!(drafts[0]["body"], "second thought");
    // A thread has its own draft.
    let root = app.say(&place, &ann, json!({"body": "root"})).await;
    let mut in_thread = draft("reply idea", "2026-05-01T10:00:03.000Z");
    in_thread["threadRootID"] = root["id"].clone();
    assert_eq!(put(&app, &ann, in_thread).await.0, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/drafts", &ann)
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // A blank body clears it.
    let (status, _) = put(&app, &ann, draft("  ", "2026-05-01T10:00:04.000Z")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, drafts) = app.get("/api/v1/drafts", &ann).await;
    assert_eq!(drafts.as_array().unwrap().len(), 1);
    assert_eq!(drafts[0]["body"], "reply idea");
    // Only members keep drafts in a place.
    let (status, _) = put(&app, &eve, draft("snooping", "2026-05-01T10:00:05.000Z")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
