//! Who may invite whom: guests never, members unless the policy keeps invites to admins, only
//! to open channels the inviter is in, and never an address that has an account.

use axum::http::StatusCode;
use domain::channel::ChannelRole;
use domain::user::Role;
use serde_json::json;

use super::{accept, address, invite, mails_to};
use crate::{code, spawn_app, unique};

#[tokio::test]
async fn guests_never_invite_and_the_policy_can_keep_invites_to_admins() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let member = app.person("Mo", Role::Member).await;
    let guest = app.person("Gus", Role::Guest).await;
    let email = address("friend");
    let body = json!({"email": email, "channelIDs": []});

    let (status, answer) = app.post("/api/v1/invites", &guest, body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(code(&answer), "guests_cannot_invite");

    let (status, _) = app
        .put(
            "/api/v1/admin/settings",
            &admin,
            json!({"name": "Acme", "maxUploadBytes": 1048576,
                "allowedFileTypes": ["pdf"], "invitePolicy": "admins"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = app.post("/api/v1/invites", &member, body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(code(&answer), "invites_admins_only");
    assert!(mails_to(&email).await.is_empty());

    let (status, _) = app.post("/api/v1/invites", &admin, body).await;
    assert_eq!(status, StatusCode::CREATED);
    let mails = mails_to(&email).await;
    assert!(mails[0]["Subject"].as_str().unwrap().contains("Acme"));
}

#[tokio::test]
async fn invites_name_only_open_channels_the_inviter_is_in() {
    let app = spawn_app().await;
    let owner = app.person("Otto", Role::Member).await;
    let member = app.person("Mo", Role::Member).await;
    let private = app.channel(&owner, &unique("hidden"), "private").await;
    let public = app.channel(&owner, &unique("open"), "public").await;
    let email = address("friend");
    let ask = |channels: Vec<String>| json!({"email": email, "channelIDs": channels});

    for channels in [
        vec![private.clone()],
        vec![public.clone()],
        vec![domain::ChannelId::new().to_string()],
    ] {
        let (status, answer) = app.post("/api/v1/invites", &member, ask(channels)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{answer}");
        assert_eq!(code(&answer), "not_channel_member");
    }
    let (status, answer) = app
        .post(
            "/api/v1/invites",
            &member,
            json!({"email": email, "channelIDs": ["nope"]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let too_many: Vec<String> = (0..21)
        .map(|_| domain::ChannelId::new().to_string())
        .collect();
    let (status, answer) = app.post("/api/v1/invites", &member, ask(too_many)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&answer), "too_many_channels");

    app.add(&public, &member, ChannelRole::Member).await;
    let (status, _) = app
        .post(
            &format!("/api/v1/channels/{public}/archive"),
            &owner,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = app
        .post("/api/v1/invites", &member, ask(vec![public.clone()]))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(code(&answer), "channel_archived");
    assert!(mails_to(&email).await.is_empty());
}

#[tokio::test]
async fn an_address_with_an_account_is_not_invited_nor_accepted_twice() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let existing = app.person("Eve", Role::Member).await;
    let (status, answer) = app
        .post(
            "/api/v1/invites",
            &admin,
            json!({"email": existing.user.email, "channelIDs": []}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(code(&answer), "already_member");

    // The address gets an account (its first SSO sign-in) after the invite went out.
    let email = address("quick");
    let (_, token) = invite(&app, &admin, &email, &[]).await;
    let user = store::users::new_user(&email, "Quick".into(), Role::Member);
    app.create_user(&user).await;
    let accepted = accept(&app, &token, "long enough").await;
    assert_eq!(accepted.status, StatusCode::CONFLICT);
    assert_eq!(code(&accepted.body), "already_member");
    assert!(accepted.cookie.is_none());
}
