//! Profiles: who may set their name, time zones, and custom statuses that others see and that
//! clear themselves on time without anything sweeping them.

use std::time::Duration;

use axum::http::StatusCode;
use domain::Timestamp;
use domain::user::Role;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

use crate::{Person, TestApp, code, spawn_app};

async fn me(app: &TestApp, who: &Person) -> Value {
    let (status, body) = app.get("/api/v1/users/me", who).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn put_status(app: &TestApp, who: &Person, body: Value) -> (StatusCode, Value) {
    app.put("/api/v1/users/me/status", who, body).await
}

/// What `viewer` sees of `whom` in the roster (searched by name) and through the batch lookup.
async fn seen_by(app: &TestApp, viewer: &Person, whom: &Person) -> (Value, Value) {
    let name = whom.user.display_name.to_lowercase();
    let (status, page) = app
        .get(&format!("/api/v1/users?q={}", urlencode(&name)), viewer)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let in_roster = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == whom.id())
        .cloned()
        .unwrap_or_else(|| panic!("{name} is not in the roster: {page}"));
    let (status, batch) = app
        .post("/api/v1/users/batch", viewer, json!({"ids": [whom.id()]}))
        .await;
    assert_eq!(status, StatusCode::OK, "{batch}");
    (in_roster, batch[0].clone())
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn rfc3339(at: Timestamp) -> String {
    at.0.format(&Rfc3339).unwrap()
}

#[tokio::test]
async fn sso_accounts_take_their_name_from_the_provider_and_guests_choose_theirs() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;

    let (status, body) = app
        .patch(
            "/api/v1/users/me",
            &admin,
            json!({"displayName": "Someone Else"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(code(&body), "name_from_provider");
    assert_eq!(me(&app, &admin).await["displayName"], "Ada");
    // The refusal keeps the time zone sent with it out too.
    let (status, _) = app
        .patch(
            "/api/v1/users/me",
            &admin,
            json!({"displayName": "Someone Else", "timeZone": "Europe/Paris"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(me(&app, &admin).await["timeZone"], Value::Null);

    let guest = crate::invites::guest(&app, &admin).await.person;
    let (status, body) = app
        .patch(
            "/api/v1/users/me",
            &guest,
            json!({"displayName": "  Gwen Gray "}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["displayName"], "Gwen Gray");
    assert_eq!(me(&app, &guest).await["displayName"], "Gwen Gray");
    // Others find her by the new name, and see it.
    let renamed = Person {
        user: serde_json::from_value(body).unwrap(),
        ..guest.clone()
    };
    let (in_roster, in_batch) = seen_by(&app, &admin, &renamed).await;
    assert_eq!(in_roster["displayName"], "Gwen Gray");
    assert_eq!(in_batch["displayName"], "Gwen Gray");

    for bad in [
        json!(""),
        json!("   "),
        json!("x".repeat(81)),
        json!("bell\u{7}"),
        json!("\u{200B}"),
        json!("\u{200B}\u{200C}\u{FEFF}"),
        json!("\u{0301}\u{0301}"),
        json!("\u{3164}"),
        json!("Gwen\u{202E}yarG"),
        json!("\u{2067}Gwen\u{2069}"),
        json!("Gwen\u{200F}"),
    ] {
        let (status, body) = app
            .patch(
                "/api/v1/users/me",
                &guest,
                json!({"displayName": bad, "timeZone": "Asia/Tokyo"}),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert_eq!(code(&body), "invalid_display_name");
    }
    let stored = me(&app, &guest).await;
    assert_eq!(
        (&stored["displayName"], &stored["timeZone"]),
        (&json!("Gwen Gray"), &Value::Null),
        "nothing of a refused change is stored"
    );
}

#[tokio::test]
async fn time_zones_are_iana_names_and_can_be_forgotten() {
    let app = spawn_app().await;
    let ann = app.person("Ann", Role::Member).await;

    let (status, body) = app
        .patch(
            "/api/v1/users/me",
            &ann,
            json!({"timeZone": "america/new_york"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["timeZone"], "America/New_York");

    for bad in [
        "Mars/Olympus_Mons",
        "+02:00",
        "EST-ish",
        "Europe/Paris/Left_Bank",
    ] {
        let (status, body) = app
            .patch("/api/v1/users/me", &ann, json!({"timeZone": bad}))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert_eq!(code(&body), "invalid_time_zone");
    }
    let (status, body) = app
        .patch("/api/v1/users/me", &ann, json!({"timeZone": 7}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(me(&app, &ann).await["timeZone"], "America/New_York");

    // Others see it, to tell her local time.
    let bob = app.person("Bob", Role::Member).await;
    let (_, in_batch) = seen_by(&app, &bob, &ann).await;
    assert_eq!(in_batch["timeZone"], "America/New_York");

    let (status, body) = app
        .patch("/api/v1/users/me", &ann, json!({"timeZone": ""}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["timeZone"], Value::Null);
    assert_eq!(me(&app, &ann).await["timeZone"], Value::Null);
}

#[tokio::test]
async fn the_theme_is_kept_for_every_device_and_only_its_owner_sees_it() {
    let app = spawn_app().await;
    let ann = app.person("Ann", Role::Member).await;
    assert_eq!(
        me(&app, &ann).await["theme"],
        "system",
        "the device decides at first"
    );

    let (status, body) = app
        .patch("/api/v1/users/me", &ann, json!({"theme": "dark"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["theme"], "dark");
    assert_eq!(me(&app, &ann).await["theme"], "dark");

    let (status, body) = app
        .patch("/api/v1/users/me", &ann, json!({"theme": "purple"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(code(&body), "invalid_body");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("`light`"),
        "{message}: says what it may be"
    );
    for bad in [json!(1), json!("Dark"), json!(null)] {
        let (status, body) = app
            .patch("/api/v1/users/me", &ann, json!({"theme": bad}))
            .await;
        assert!(
            status == StatusCode::BAD_REQUEST || bad.is_null(),
            "{bad}: {body}"
        );
    }
    assert_eq!(me(&app, &ann).await["theme"], "dark", "nothing changed");

    // A preference of her own: not part of what others see of her.
    let bob = app.person("Bob", Role::Member).await;
    let (_, in_batch) = seen_by(&app, &bob, &ann).await;
    assert_eq!(in_batch.get("theme"), None);
}

#[tokio::test]
async fn each_bad_status_field_is_refused_with_its_code_and_nothing_changes() {
    let app = spawn_app().await;
    let ann = app.person("Ann", Role::Member).await;
    let (status, body) = put_status(
        &app,
        &ann,
        json!({"emoji": ":palm_tree:", "text": "On holiday"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let kept = json!({"emoji": "🌴", "text": "On holiday", "clearAt": null});
    assert_eq!(body["customStatus"], kept);

    let now = Timestamp::now();
    let cases = [
        (json!({"emoji": "🌴🌴", "text": "x"}), "invalid_emoji"),
        (json!({"emoji": "not one", "text": "x"}), "invalid_emoji"),
        (
            json!({"emoji": "", "text": "é".repeat(65)}),
            "invalid_status_text",
        ),
        (
            json!({"emoji": "", "text": "two\nlines"}),
            "invalid_status_text",
        ),
        (json!({"emoji": "", "text": "  "}), "empty_status"),
        (
            json!({"emoji": "🌴", "text": "", "clearAt": rfc3339(now.plus_seconds(-60))}),
            "invalid_clear_at",
        ),
        (
            json!({"emoji": "🌴", "text": "", "clearAt": rfc3339(now.plus_seconds(31 * 24 * 3600))}),
            "invalid_clear_at",
        ),
        (
            json!({"emoji": "🌴", "text": "", "clearAt": "next tuesday"}),
            "invalid_clear_at",
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = put_status(&app, &ann, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(code(&answer), expected, "{body}");
    }
    let (status, _) = put_status(
        &app,
        &ann,
        json!({"emoji": "🌴", "text": "", "colour": "red"}),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "unknown fields are refused"
    );
    assert_eq!(me(&app, &ann).await["customStatus"], kept);

    // 64 characters as people count them, a family emoji being one.
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
    let (status, body) =
        put_status(&app, &ann, json!({"emoji": "", "text": family.repeat(64)})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn others_see_a_status_until_it_is_cleared() {
    let app = spawn_app().await;
    let ann = app.person("Ann", Role::Member).await;
    let bob = app.person("Bob", Role::Guest).await;
    let clear_at = rfc3339(Timestamp::now().plus_seconds(3600));
    let (status, body) = put_status(
        &app,
        &ann,
        json!({"emoji": "🤒", "text": "Off sick", "clearAt": clear_at}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (in_roster, in_batch) = seen_by(&app, &bob, &ann).await;
    let expected = json!({"emoji": "🤒", "text": "Off sick", "clearAt": clear_at});
    assert_eq!(in_roster["status"], expected);
    assert_eq!(in_batch["status"], expected);

    let (status, body) = app.delete("/api/v1/users/me/status", &ann).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (in_roster, in_batch) = seen_by(&app, &bob, &ann).await;
    assert_eq!(
        (&in_roster["status"], &in_batch["status"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(me(&app, &ann).await["customStatus"], Value::Null);
    // Clearing again is fine.
    let (status, _) = app.delete("/api/v1/users/me/status", &ann).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_status_is_gone_once_its_clearing_time_passes_though_nothing_swept_it() {
    let app = spawn_app().await;
    let ann = app.person("Ann", Role::Member).await;
    let bob = app.person("Bob", Role::Member).await;
    let clear_at = Timestamp::now().plus_seconds(2);
    let (status, body) = put_status(
        &app,
        &ann,
        json!({"emoji": "☕", "text": "Back in a moment", "clearAt": rfc3339(clear_at)}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (in_roster, _) = seen_by(&app, &bob, &ann).await;
    assert_eq!(in_roster["status"]["emoji"], "☕");

    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (in_roster, in_batch) = seen_by(&app, &bob, &ann).await;
        let own = me(&app, &ann).await;
        let gone = [
            &in_roster["status"],
            &in_batch["status"],
            &own["customStatus"],
        ]
        .iter()
        .all(|s| s.is_null());
        if gone {
            break;
        }
        assert!(
            Timestamp::now() <= clear_at.plus_seconds(1),
            "still shown after its time: {in_roster} {in_batch} {own}"
        );
        assert!(
            tokio::time::Instant::now() < deadline,
            "the status never cleared"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(Timestamp::now() >= clear_at, "it went before its time");
    // Still on the item: it is the reading that hides it.
    let stored = app
        .state
        .store
        .users()
        .get(ann.user.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.custom_status.map(|s| s.emoji),
        Some("☕".to_string())
    );
}
