//! System admins: the directory of every account, role changes that take effect at once,
//! deactivation that cuts a person off, and the workspace's settings.

use axum::http::StatusCode;
use domain::revocation::Grant;
use domain::user::{AuthProvider, Role, UserStatus};
use serde_json::{Value, json};

use crate::sessions::{Refreshed, device, refresh};
use crate::{Person, TestApp, code, spawn_app, unique};

/// `who` with the access token a refresh of `device` gave.
async fn refreshed(app: &TestApp, who: &Person, device: &str) -> (Person, Value) {
    let Refreshed { status, body, .. } = refresh(app, device).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let person = Person {
        token: body["accessToken"].as_str().unwrap().to_string(),
        ..who.clone()
    };
    (person, body)
}

async fn set_role(app: &TestApp, admin: &Person, whom: &str, role: &str) -> (StatusCode, Value) {
    app.patch(
        &format!("/api/v1/users/{whom}/role"),
        admin,
        json!({ "role": role }),
    )
    .await
}

async fn set_status(
    app: &TestApp,
    admin: &Person,
    whom: &str,
    status: &str,
) -> (StatusCode, Value) {
    app.patch(
        &format!("/api/v1/users/{whom}/status"),
        admin,
        json!({ "status": status }),
    )
    .await
}

/// A guest who came by invite and signs in with a password.
async fn password_guest(app: &TestApp) -> Person {
    let mut user = store::users::new_user(
        &format!("{}@example.com", unique("pw")),
        "Pat".into(),
        Role::Guest,
    );
    user.provider = AuthProvider::Password;
    app.state
        .store
        .users()
        .create(&user, None, false)
        .await
        .unwrap()
        .unwrap();
    let (token, _) = app
        .state
        .tokens
        .issue(&user, &Grant::issued_now(""))
        .unwrap();
    Person { user, token }
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_directory_lists_every_account_page_by_page_and_searches() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let mut everyone = vec![admin.id()];
    for name in ["bea", "cyd", "dora", "eli"] {
        everyone.push(app.person(name, Role::Member).await.id());
    }
    let guest = password_guest(&app).await;
    everyone.push(guest.id());
    let (status, _) = set_status(&app, &admin, &everyone[2], "deactivated").await;
    assert_eq!(status, StatusCode::OK);

    // Two at a time, oldest first, to the end; the deactivated account is there too.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/admin/users?limit=2&cursor={c}"),
            None => "/api/v1/admin/users?limit=2".to_string(),
        };
        let (status, page) = app.get(&path, &admin).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page["items"].as_array().unwrap().len() <= 2);
        seen.extend(ids(&page));
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, everyone);

    // Each row says what an admin needs to know.
    let (_, page) = app.get("/api/v1/admin/users?q=cyd", &admin).await;
    let rows = page["items"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{page}");
    assert_eq!(rows[0]["status"], "deactivated");
    assert_eq!(rows[0]["role"], "member");
    assert_eq!(rows[0]["provider"], "oidc");
    assert!(rows[0]["email"].as_str().unwrap().starts_with("cyd-"));
    assert!(rows[0]["createdAt"].is_string());
    let (_, page) = app.get("/api/v1/admin/users?q=PAT", &admin).await;
    assert_eq!(ids(&page), [guest.id()]);
    assert_eq!(page["items"][0]["provider"], "password");

    // The roster people pick from keeps to active accounts.
    let (_, roster) = app.get("/api/v1/users?limit=100", &admin).await;
    assert!(!ids(&roster).contains(&everyone[2]));
    assert_eq!(ids(&roster).len(), everyone.len() - 1);

    for bad in [
        "/api/v1/admin/users?cursor=nonsense",
        "/api/v1/admin/users?limit=0",
        "/api/v1/admin/users?limit=101",
        "/api/v1/admin/users?sort=name",
    ] {
        let (status, _) = app.get(bad, &admin).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
    }
    let member = app.person("mo", Role::Member).await;
    let (status, body) = app.get("/api/v1/admin/users", &member).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "admins_only")
    );
}

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
    let stored = app
        .state
        .store
        .users()
        .get(guest.user.id)
        .await
        .unwrap()
        .unwrap();
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
    let (status, body) = app
        .post(
            "/api/v1/conversations",
            &admin,
            json!({"participantIDs": [dee.id()]}),
        )
        .await;
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
    let users = app.state.store.users();
    let roles = [
        users.get(ada.user.id).await.unwrap().unwrap().role,
        users.get(abe.user.id).await.unwrap().unwrap().role,
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
    let stored = app
        .state
        .store
        .users()
        .get(mo.user.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.role, stored.status),
        (Role::Member, UserStatus::Active)
    );
}

fn settings_body() -> Value {
    json!({
        "name": "  Acme Corp ",
        "maxUploadBytes": 10 * 1024 * 1024,
        "allowedFileTypes": [".PDF", "png", "pdf"],
        "invitePolicy": "admins",
    })
}

#[tokio::test]
async fn workspace_settings_are_validated_saved_whole_and_read_by_everyone() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let guest = app.person("gus", Role::Guest).await;

    // Before anyone saves: the defaults.
    let (status, defaults) = app.get("/api/v1/workspace", &guest).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(defaults["name"], "Parley");
    assert_eq!(defaults["maxUploadBytes"], 50 * 1024 * 1024);
    assert_eq!(defaults["invitePolicy"], "everyone");
    assert!(
        defaults["allowedFileTypes"]
            .as_array()
            .unwrap()
            .contains(&json!("pdf"))
    );

    // Each bad field has its own code, and nothing is saved.
    let bad = |field: &str, value: Value| {
        let mut body = settings_body();
        body[field] = value;
        body
    };
    for (body, expected) in [
        (bad("name", json!("   ")), "invalid_workspace_name"),
        (bad("name", json!("x".repeat(81))), "invalid_workspace_name"),
        (bad("maxUploadBytes", json!(1023)), "invalid_upload_limit"),
        (
            bad("maxUploadBytes", json!(5u64 * 1024 * 1024 * 1024 + 1)),
            "invalid_upload_limit",
        ),
        (bad("allowedFileTypes", json!([])), "invalid_file_types"),
        (
            bad("allowedFileTypes", json!(["tar.gz"])),
            "invalid_file_types",
        ),
        (bad("invitePolicy", json!("nobody")), "invalid_body"),
        (bad("maxUploadBytes", json!(-1)), "invalid_body"),
        (bad("surprise", json!(true)), "invalid_body"),
    ] {
        let (status, answer) = app
            .put("/api/v1/admin/settings", &admin, body.clone())
            .await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::BAD_REQUEST, expected),
            "{body}"
        );
        assert!(!answer["error"]["message"].as_str().unwrap().is_empty());
    }
    let (_, still) = app.get("/api/v1/workspace", &admin).await;
    assert_eq!(still, defaults);

    // A good save, normalised, and what everyone reads from then on.
    let (status, saved) = app
        .put("/api/v1/admin/settings", &admin, settings_body())
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let expected = json!({
        "name": "Acme Corp",
        "maxUploadBytes": 10 * 1024 * 1024,
        "allowedFileTypes": ["pdf", "png"],
        "invitePolicy": "admins",
    });
    assert_eq!(saved, expected);
    let (_, read) = app.get("/api/v1/workspace", &guest).await;
    assert_eq!(read, expected);

    // The invite policy as other features read it.
    let settings = app.state.store.workspace().settings().await.unwrap();
    assert!(!settings.invite_policy.allows(Role::Member));
    assert!(settings.invite_policy.allows(Role::Admin));

    // Only admins change them.
    let member = app.person("mo", Role::Member).await;
    let (status, body) = app
        .put("/api/v1/admin/settings", &member, settings_body())
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "admins_only")
    );
}
