//! Pending invites: inviting again replaces the earlier link, and admins list pending
//! invites page by page and revoke them.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::Value;

use super::{accept, address, invite, mails_to, preview};
use crate::{code, spawn_app};

#[tokio::test]
async fn inviting_again_replaces_the_earlier_link() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let email = address("twice");
    let (first, old_token) = invite(&app, &admin, &email, &[]).await;
    let (second, new_token) = invite(&app, &admin, &email, &[]).await;
    assert_ne!(first["id"], second["id"]);
    assert_eq!(mails_to(&email).await.len(), 2);

    let (_, pending) = app.get("/api/v1/invites", &admin).await;
    let ids: Vec<&Value> = pending["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["email"] == email)
        .map(|i| &i["id"])
        .collect();
    assert_eq!(ids, [&second["id"]]);

    let stale = accept(&app, &old_token, "long enough").await;
    assert_eq!(stale.status, StatusCode::GONE);
    assert_eq!(code(&stale.body), "invite_invalid");
    assert_eq!(
        accept(&app, &new_token, "long enough").await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn admins_list_pending_invites_and_revoke_them() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let member = app.person("Mo", Role::Member).await;
    let emails: Vec<String> = (0..3).map(|i| address(&format!("p{i}"))).collect();
    let mut tokens = Vec::new();
    for email in &emails {
        tokens.push(invite(&app, &member, email, &[]).await.1);
    }

    let (status, page) = app.get("/api/v1/invites?limit=2", &admin).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let first: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["email"].as_str().unwrap())
        .collect();
    // Newest first.
    assert_eq!(first, [emails[2].as_str(), emails[1].as_str()]);
    let cursor = page["nextCursor"].as_str().unwrap();
    let (_, rest) = app
        .get(&format!("/api/v1/invites?limit=2&cursor={cursor}"), &admin)
        .await;
    assert_eq!(rest["items"][0]["email"], emails[0]);
    assert_eq!(rest["items"][0]["invitedBy"], member.id());
    let (status, _) = app.get("/api/v1/invites?cursor=forged", &admin).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let id = rest["items"][0]["id"].as_str().unwrap();
    let (status, _) = app.delete(&format!("/api/v1/invites/{id}"), &member).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.delete(&format!("/api/v1/invites/{id}"), &admin).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let revoked = preview(&app, &tokens[0]).await;
    assert_eq!(revoked.status, StatusCode::GONE);
    assert_eq!(code(&revoked.body), "invite_invalid");
    let (status, answer) = app.delete(&format!("/api/v1/invites/{id}"), &admin).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&answer), "invite_not_found");
    let (status, _) = app.delete("/api/v1/invites/not-an-id", &admin).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The others still work.
    assert_eq!(preview(&app, &tokens[1]).await.status, StatusCode::OK);
}
