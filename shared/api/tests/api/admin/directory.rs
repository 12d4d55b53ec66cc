//! The directory of every account: page by page, searched, with what an admin needs to know of
//! each, deactivated accounts included (the roster people pick from keeps to active ones).

use axum::http::StatusCode;
use domain::user::Role;

use super::{ids, password_guest, set_status};
use crate::{code, spawn_app};

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
