//! Handles people pick: something visible, plain ASCII, and not a look-alike of someone else's
//! (`a1ice` beside `alice`), even when two people claim look-alikes at the same moment or the
//! other account's handle dates from before look-alike locks.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::{Value, json};

use crate::{Person, TestApp, code, spawn_app};

/// Picks `handle` as `who`'s handle.
pub async fn pick(app: &TestApp, who: &Person, handle: &str) -> (StatusCode, Value) {
    app.put("/api/v1/users/me/handle", who, json!({"handle": handle}))
        .await
}

/// A fresh run of letters no other test uses, free of look-alike pairs of its own.
fn fresh() -> String {
    ulid::Ulid::new().to_string().to_lowercase()[16..]
        .chars()
        .filter(char::is_ascii_alphabetic)
        .filter(|c| !matches!(c, 'l' | 'o' | 'i' | 'r' | 'n' | 'm' | 'v' | 'w'))
        .collect()
}

async fn handle_of(app: &TestApp, who: &Person) -> String {
    let (_, me) = app.get("/api/v1/users/me", who).await;
    me["handle"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn invisible_and_direction_turning_handles_are_refused_and_nothing_changes() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let before = handle_of(&app, &ann).await;
    for bad in [
        "\u{200B}\u{200B}",
        "\u{FEFF}\u{2060}",
        "ann\u{200B}",
        "ann\u{202E}",
        "\u{2066}ann\u{2069}",
        "\u{200F}ann",
        "\u{0301}\u{0301}",
        "\u{3164}\u{3164}",
    ] {
        let (status, body) = pick(&app, &ann, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}: {body}");
        assert_eq!(code(&body), "invalid_handle", "{bad:?}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(handle_of(&app, &ann).await, before);
}

#[tokio::test]
async fn a_handle_that_looks_like_someone_elses_is_refused() {
    let app = spawn_app().await;
    let alice = app.person("alice", Role::Member).await;
    let mallory = app.person("mallory", Role::Member).await;
    let tail = fresh();
    let real = format!("alice{tail}");
    assert_eq!(pick(&app, &alice, &real).await.0, StatusCode::OK);

    let before = handle_of(&app, &mallory).await;
    for alike in [
        format!("a1ice{tail}"),
        format!("al.ice{tail}"),
        format!("a_l-ice{tail}"),
        format!("ALICE{tail}"),
    ] {
        let (status, body) = pick(&app, &mallory, &alike).await;
        assert_eq!(status, StatusCode::CONFLICT, "{alike}: {body}");
        assert_eq!(code(&body), "handle_taken", "{alike}");
    }
    // Homoglyphs from other scripts never pass as a handle at all.
    let (status, body) = pick(&app, &mallory, &format!("аlice{tail}")).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, "invalid_handle")
    );
    assert_eq!(handle_of(&app, &mallory).await, before);

    // Alice moves between look-alikes of her own; once she leaves them, they are free.
    assert_eq!(
        pick(&app, &alice, &format!("al.ice{tail}")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        pick(&app, &alice, &format!("alice{tail}")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        pick(&app, &alice, &format!("alicia{tail}")).await.0,
        StatusCode::OK
    );
    let (status, body) = pick(&app, &mallory, &format!("a1ice{tail}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn two_people_claiming_look_alikes_at_once_do_not_both_win() {
    let app = spawn_app().await;
    let tail = fresh();
    let mut people = Vec::new();
    for name in ["ann", "bob", "cy", "dee"] {
        people.push(app.person(name, Role::Member).await);
    }
    let claims = ["b0b", "bob", "b.o.b", "BOB"]
        .iter()
        .zip(&people)
        .map(|(handle, who)| {
            let handle = format!("{handle}{tail}");
            let app = &app;
            async move { pick(app, who, &handle).await }
        });
    let answers = futures::future::join_all(claims).await;
    let won = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(won, 1, "{answers:?}");
    for (status, body) in &answers {
        assert!(
            *status == StatusCode::OK || code(body) == "handle_taken",
            "{status}: {body}"
        );
    }
}

#[tokio::test]
async fn handles_from_before_look_alike_locks_are_still_protected() {
    let app = spawn_app().await;
    let tail = fresh();
    let (old_plain, old_dotted, mallory) = (
        app.person("old", Role::Member).await,
        app.person("older", Role::Member).await,
        app.person("mallory", Role::Member).await,
    );
    // Two accounts as an earlier version left them: their handle's exact lock and no
    // look-alike lock.
    let plain = format!("carol{tail}");
    let dotted = format!("da.ve{tail}");
    for (who, handle) in [(&old_plain, &plain), (&old_dotted, &dotted)] {
        assert_eq!(pick(&app, who, handle).await.0, StatusCode::OK);
        let skeleton = domain::user::handle_skeleton(handle);
        app.state
            .store
            .client()
            .delete_item()
            .table_name(app.state.store.table())
            .key("PK", store_s(&format!("HANDLELIKE#{skeleton}")))
            .key("SK", store_s("LOCK"))
            .send()
            .await
            .unwrap();
    }

    // A handle that is its own skeleton is found through its exact lock.
    let (status, body) = pick(&app, &mallory, &format!("caro1{tail}")).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "handle_taken")
    );

    // Any other is protected once migration 0001 (`migrate run`) wrote its look-alike lock.
    let user = app
        .state
        .store
        .users()
        .get(old_dotted.user.id)
        .await
        .unwrap()
        .unwrap();
    assert!(
        app.state
            .store
            .users()
            .backfill_handle_lock(&user)
            .await
            .unwrap()
    );
    let (status, body) = pick(&app, &mallory, &format!("dave{tail}")).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "handle_taken")
    );
    // The old accounts keep their handles, and mentions still find them.
    assert_eq!(handle_of(&app, &old_plain).await, plain);
    let found = app
        .state
        .store
        .users()
        .by_handles(&[dotted.as_str()])
        .await
        .unwrap();
    assert_eq!(found, [(dotted.clone(), old_dotted.user.id)]);
}

fn store_s(text: &str) -> aws_sdk_dynamodb::types::AttributeValue {
    aws_sdk_dynamodb::types::AttributeValue::S(text.to_string())
}
