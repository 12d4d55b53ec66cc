//! Deactivation: it cuts a person off (every device, every new session) until reactivation and
//! a new sign-in; reactivating an active account signs nobody out; admins are demoted first.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use super::{refreshed, set_role, set_status};
use crate::sessions::{Refreshed, device, refresh};
use crate::{code, spawn_app, unique};

#[tokio::test]
async fn deactivation_cuts_a_person_off_and_reactivation_needs_a_new_sign_in() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let dee = app.person("dee", Role::Member).await;
    let laptop = device(&app, &dee).await;
    let phone = device(&app, &dee).await;

    let (status, body) = set_status(&app, &admin, &dee.id(), "deactivated").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "deactivated");

    let (status, body) = app.get("/api/v1/users/me", &dee).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, "session_revoked")
    );
    // Every device is told why it cannot refresh.
    for token in [&laptop, &phone] {
        let Refreshed { status, body, .. } = refresh(&app, token).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNAUTHORIZED, "account_deactivated")
        );
    }
    // A session made after the cut-off (a sign-in racing it) cannot refresh either.
    let Refreshed { status, body, .. } = refresh(&app, &device(&app, &dee).await).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, "account_deactivated")
    );

    // Nobody adds a deactivated person anywhere.
    let team = app.channel(&admin, &unique("team"), "public").await;
    let (status, body) = app
        .post(
            &format!("/api/v1/channels/{team}/members"),
            &admin,
            json!({"userID": dee.id()}),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "user_not_found")
    );
    let (status, body) = app.open_conversation(&admin, json!([dee.id()])).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, "user_not_found")
    );
    // Others still see who they were, marked deactivated.
    let (_, views) = app
        .post("/api/v1/users/batch", &admin, json!({"ids": [dee.id()]}))
        .await;
    assert_eq!(views[0]["deactivated"], true);

    // Reactivated: the old sessions are ended; signing in again works.
    let (status, body) = set_status(&app, &admin, &dee.id(), "active").await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("active"))
    );
    for token in [&laptop, &phone] {
        let Refreshed { status, body, .. } = refresh(&app, token).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNAUTHORIZED, "not_signed_in")
        );
    }
    let (dee, _) = refreshed(&app, &dee, &device(&app, &dee).await).await;
    let (status, _) = app.get("/api/v1/users/me", &dee).await;
    assert_eq!(status, StatusCode::OK);
    let (_, views) = app
        .post("/api/v1/users/batch", &admin, json!({"ids": [dee.id()]}))
        .await;
    assert_eq!(views[0]["deactivated"], false);
}

#[tokio::test]
async fn reactivating_an_active_account_signs_nobody_out() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let mo = app.person("mo", Role::Member).await;
    let laptop = device(&app, &mo).await;
    let (status, body) = set_status(&app, &admin, &mo.id(), "active").await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("active"))
    );
    let (status, _) = app.get("/api/v1/users/me", &mo).await;
    assert_eq!(status, StatusCode::OK);
    let Refreshed { status, .. } = refresh(&app, &laptop).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn admins_are_demoted_before_they_can_be_deactivated() {
    let app = spawn_app().await;
    let ada = app.person("ada", Role::Admin).await;
    let abe = app.person("abe", Role::Admin).await;
    let (status, body) = set_status(&app, &ada, &abe.id(), "deactivated").await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "admin_account")
    );
    let (status, _) = app.get("/api/v1/users/me", &abe).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a refused deactivation cuts nobody off"
    );

    let (status, _) = set_role(&app, &ada, &abe.id(), "member").await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = set_status(&app, &ada, &abe.id(), "deactivated").await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("deactivated"))
    );
}
