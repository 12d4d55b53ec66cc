//! Role changes: never of one's own account, never above guest for a password account, in
//! effect at once (a member made guest loses what guests may not do), one admin left when two
//! demote each other, and unknown people or bad bodies refused.

use axum::http::StatusCode;
use domain::user::{Role, UserStatus};
use serde_json::json;

use super::{password_guest, refreshed, set_role, set_status, stored_user};
use crate::sessions::device;
use crate::{code, spawn_app, unique};

#[tokio::test]
async fn admins_change_neither_their_own_role_nor_their_own_status() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    for role in ["member", "guest"] {
        let (status, body) = set_role(&app, &admin, &admin.id(), role).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::FORBIDDEN, "own_account")
        );
    }
    let (status, body) = set_status(&app, &admin, &admin.id(), "deactivated").await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "own_account")
    );
    let (_, me) = app.get("/api/v1/users/me", &admin).await;
    assert_eq!(
        (me["role"].as_str(), me["status"].as_str()),
        (Some("admin"), Some("active"))
    );
}

#[tokio::test]
async fn password_accounts_are_never_promoted_above_guest() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let guest = password_guest(&app).await;
    for role in ["member", "admin"] {
        let (status, body) = set_role(&app, &admin, &guest.id(), role).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::CONFLICT, "password_account")
        );
    }
    let stored = stored_user(&app, guest.user.id).await;
    assert_eq!(stored.role, Role::Guest);
    // Still a guest: nothing to change, and their session is left alone.
    let (status, body) = set_role(&app, &admin, &guest.id(), "guest").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = app.get("/api/v1/users/me", &guest).await;
    assert_eq!(status, StatusCode::OK);

    // An SSO account demoted to guest may be made a member again.
    let sso = app.person("sam", Role::Guest).await;
    let (status, body) = set_role(&app, &admin, &sso.id(), "member").await;
    assert_eq!(
        (status, body["role"].as_str()),
        (StatusCode::OK, Some("member"))
    );
}

#[tokio::test]
async fn a_member_made_guest_loses_what_guests_may_not_do_at_once() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let mia = app.person("mia", Role::Member).await;
    let laptop = device(&app, &mia).await;
    let news = app.channel(&admin, &unique("news"), "public").await;
    let mine = app.channel(&mia, &unique("mine"), "public").await;
    let bo = app.person("bo", Role::Member).await;

    let (status, body) = set_role(&app, &admin, &mia.id(), "guest").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["role"], "guest");

    // The token she holds carries the old role: refused, not trusted.
    let (status, body) = app.get("/api/v1/users/me", &mia).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNAUTHORIZED, "session_revoked")
    );
    // Her session stays; the next refresh says what she is now.
    let (mia, answer) = refreshed(&app, &mia, &laptop).await;
    assert_eq!(answer["user"]["role"], "guest");
    let (status, _) = app
        .post(
            "/api/v1/channels",
            &mia,
            json!({"name": unique("more"), "type": "public"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "guests create no channels");
    let (status, _) = app.get("/api/v1/channels", &mia).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "guests browse no directory");
    let (status, _) = app
        .post(&format!("/api/v1/channels/{news}/join"), &mia, json!({}))
        .await;
    assert!(
        status == StatusCode::NOT_FOUND || status == StatusCode::FORBIDDEN,
        "guests join only #general, got {status}"
    );
    // Still the owner of the channel she made, but a guest adds nobody to it.
    for role in ["member", "owner"] {
        let (status, _) = app
            .post(
                &format!("/api/v1/channels/{mine}/members"),
                &mia,
                json!({"userID": bo.id(), "role": role}),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "adding as {role}");
    }

    // Made a member again (and signed in again), she may again.
    set_role(&app, &admin, &mia.id(), "member").await;
    let (mia, _) = refreshed(&app, &mia, &device(&app, &mia).await).await;
    let (status, _) = app.get("/api/v1/channels", &mia).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = spawn_app().await;
    let ada = app.person("ada", Role::Admin).await;
    let abe = app.person("abe", Role::Admin).await;
    let (ada_id, abe_id) = (ada.id(), abe.id());
    let (one, two) = tokio::join!(
        set_role(&app, &ada, &abe_id, "member"),
        set_role(&app, &abe, &ada_id, "member"),
    );
    let mut statuses = [one.0, two.0];
    statuses.sort();
    assert_eq!(statuses[0], StatusCode::OK, "{} / {}", one.1, two.1);
    // The other lost: its admin was demoted first (409), or its token was already refused.
    assert!(
        statuses[1] == StatusCode::CONFLICT || statuses[1] == StatusCode::UNAUTHORIZED,
        "{} / {}",
        one.1,
        two.1
    );
    let roles = [
        stored_user(&app, ada.user.id).await.role,
        stored_user(&app, abe.user.id).await.role,
    ];
    assert_eq!(roles.iter().filter(|r| **r == Role::Admin).count(), 1);
}

#[tokio::test]
async fn unknown_people_and_bad_bodies_are_refused() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let mo = app.person("mo", Role::Member).await;
    for whom in ["nobody", &domain::UserId::new().to_string()] {
        let (status, body) = set_role(&app, &admin, whom, "member").await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::NOT_FOUND, "user_not_found")
        );
        let (status, _) = set_status(&app, &admin, whom, "active").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    for body in [
        json!({"role": "owner"}),
        json!({"role": "member", "extra": 1}),
        json!({}),
    ] {
        let (status, _) = app
            .patch(
                &format!("/api/v1/users/{}/role", mo.id()),
                &admin,
                body.clone(),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }
    let (status, _) = set_status(&app, &admin, &mo.id(), "gone").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let stored = stored_user(&app, mo.user.id).await;
    assert_eq!(
        (stored.role, stored.status),
        (Role::Member, UserStatus::Active)
    );
}
