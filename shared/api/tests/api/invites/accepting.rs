//! Following an invite link: the mailed link previews the invite and makes a signed-in guest
//! in its channels, once (even when two acceptances race), not once expired, not with bad
//! input, and not into a channel the inviter has left since.

use auth::secrets::hash_token;
use axum::http::StatusCode;
use domain::channel::ChannelRole;
use domain::invites::Invite;
use domain::user::Role;
use domain::{InviteId, Timestamp};
use serde_json::json;

use super::{
    accept, address, invite, link_token, mails_to, post_public, preview, refresh, sidebar_channels,
};
use crate::{TestApp, code, spawn_app, unique};

/// Whether `email` has an account.
async fn has_account(app: &TestApp, email: &str) -> bool {
    app.state
        .store
        .users()
        .by_email(email)
        .await
        .unwrap()
        .is_some()
}

#[tokio::test]
async fn an_invite_is_mailed_and_its_link_makes_a_signed_in_guest_in_the_channels() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let public = unique("launch");
    let private = unique("secret");
    let public_id = app.channel(&admin, &public, "public").await;
    let private_id = app.channel(&admin, &private, "private").await;
    let email = address("Gwen");

    let (status, invite) = app
        .post(
            "/api/v1/invites",
            &admin,
            json!({"email": email.to_uppercase(), "channelIDs": [public_id, private_id, public_id]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    assert_eq!(invite["email"], email);
    assert_eq!(invite["channelIDs"], json!([public_id, private_id]));
    assert_eq!(invite["invitedBy"], admin.id());
    assert!(invite["expiresAt"].is_string());
    assert!(
        !invite.to_string().to_lowercase().contains("token"),
        "{invite}"
    );

    let mails = mails_to(&email).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0]["Source"], "parley@parley.test");
    assert!(mails[0]["Subject"].as_str().unwrap().contains("Ada"));
    let text = mails[0]["BodyText"].as_str().unwrap();
    assert!(text.contains(&format!("#{public}")), "{text}");
    let token = link_token(text, "/invite/");
    assert_eq!(token.len(), 43);
    // Only the hash is stored.
    let stored = app.state.store.invites().by_token(&token).await.unwrap();
    assert!(stored.is_none());

    let shown = preview(&app, &token).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert_eq!(shown.body["email"], email);
    assert_eq!(shown.body["invitedBy"], "Ada");
    assert_eq!(shown.body["workspaceName"], "Parley");
    assert_eq!(
        shown.body["channels"],
        json!(["general", public.clone(), private.clone()])
    );
    assert!(shown.cookie.is_none());

    let accepted = accept(&app, &token, "correct horse battery").await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.body);
    assert_eq!(accepted.body["displayName"], "Gwen Guest");
    assert_eq!(accepted.body["role"], "guest");
    assert_eq!(accepted.body["provider"], "password");
    assert!(!accepted.body.to_string().contains("argon2"));
    let guest = refresh(&app, &accepted.cookie.unwrap()).await.ok().unwrap();
    assert_eq!(guest.user.email, email);

    let (status, me) = app.get("/api/v1/users/me", &guest).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["role"], "guest");
    assert!(!me.to_string().contains("argon2"));
    let mut expected = vec!["general".to_string(), public.clone(), private.clone()];
    expected.sort();
    assert_eq!(sidebar_channels(&app, &guest).await, expected);
    // The inviter added them, which the channel records.
    let (_, history) = app
        .get(&format!("/api/v1/channels/{private_id}/messages"), &admin)
        .await;
    let added = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["system"]["action"] == "added")
        .unwrap_or_else(|| panic!("no system message in {history}"));
    assert_eq!(added["system"]["targetID"], guest.id());

    // The password is an argon2id hash in its own item.
    let credential = app
        .state
        .store
        .credentials()
        .get(guest.user.id)
        .await
        .unwrap()
        .unwrap();
    assert!(credential.password_hash.starts_with("$argon2id$"));
    // The invite is used up and listed no more.
    let (_, pending) = app.get("/api/v1/invites", &admin).await;
    assert!(!pending.to_string().contains(&email), "{pending}");
}

#[tokio::test]
async fn an_invite_link_works_once_even_when_two_acceptances_race() {
    let app = spawn_app().await;
    let member = app.person("Mo", Role::Member).await;
    let (_, token) = invite(&app, &member, &address("once"), &[]).await;
    let (first, second) = tokio::join!(
        accept(&app, &token, "password one"),
        accept(&app, &token, "password two"),
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort();
    assert!(
        statuses == [201, 409] || statuses == [201, 410],
        "{statuses:?}: {} / {}",
        first.body,
        second.body
    );
    let again = accept(&app, &token, "password three").await;
    assert_eq!(again.status, StatusCode::GONE, "{}", again.body);
    assert_eq!(code(&again.body), "invite_invalid");
    assert!(again.cookie.is_none());
    assert_eq!(preview(&app, &token).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn an_expired_invite_is_refused_though_still_stored() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let email = address("late");
    let token = auth::secrets::random_token();
    let created = Timestamp::now().plus_seconds(-73 * 3600);
    let expired = Invite {
        id: InviteId::new(),
        email: email.clone(),
        channel_ids: vec![],
        invited_by: admin.user.id,
        created_at: created,
        expires_at: created.plus_seconds(72 * 3600),
    };
    app.state
        .store
        .invites()
        .put(&expired, &hash_token(&token))
        .await
        .unwrap();
    assert!(
        app.state
            .store
            .invites()
            .by_token(&hash_token(&token))
            .await
            .unwrap()
            .is_some()
    );
    let shown = preview(&app, &token).await;
    assert_eq!(shown.status, StatusCode::GONE);
    assert_eq!(code(&shown.body), "invite_expired");
    let accepted = accept(&app, &token, "long enough").await;
    assert_eq!(accepted.status, StatusCode::GONE);
    assert_eq!(code(&accepted.body), "invite_expired");
    assert!(accepted.cookie.is_none());
    assert!(!has_account(&app, &email).await);
    let (_, pending) = app.get("/api/v1/invites", &admin).await;
    assert!(!pending.to_string().contains(&email), "{pending}");
}

#[tokio::test]
async fn bad_input_is_refused_and_leaves_the_invite_usable() {
    let app = spawn_app().await;
    let admin = app.person("Ada", Role::Admin).await;
    let (status, answer) = app
        .post(
            "/api/v1/invites",
            &admin,
            json!({"email": "not an address", "channelIDs": []}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&answer), "invalid_email");

    let email = address("careful");
    let (_, token) = invite(&app, &admin, &email, &[]).await;
    let cases = [
        (
            json!({"token": token, "displayName": "Gwen", "password": "short"}),
            "invalid_password",
        ),
        (
            json!({"token": token, "displayName": "Gwen", "password": "x".repeat(1025)}),
            "invalid_password",
        ),
        (
            json!({"token": token, "displayName": "   ", "password": "long enough"}),
            "invalid_display_name",
        ),
        (
            json!({"token": token, "displayName": "x".repeat(81), "password": "long enough"}),
            "invalid_display_name",
        ),
        (
            json!({"token": token, "displayName": "\u{200B}\u{2060}", "password": "long enough"}),
            "invalid_display_name",
        ),
        (
            json!({"token": token, "displayName": "Gwen\u{202E}nimda", "password": "long enough"}),
            "invalid_display_name",
        ),
        (
            json!({"token": "a/b", "displayName": "Gwen", "password": "long enough"}),
            "invalid_token",
        ),
        (
            json!({"token": "", "displayName": "Gwen", "password": "long enough"}),
            "invalid_token",
        ),
        (
            json!({"token": token, "displayName": "Gwen"}),
            "invalid_body",
        ),
        (
            json!({"token": token, "displayName": "Gwen", "password": "long enough", "role": "admin"}),
            "invalid_body",
        ),
    ];
    for (body, expected) in cases {
        let answer = post_public(&app, "/auth/invite/accept", body.clone(), None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(code(&answer.body), expected, "{body}");
        assert!(answer.cookie.is_none());
    }
    let unknown = accept(&app, &auth::secrets::random_token(), "long enough").await;
    assert_eq!(unknown.status, StatusCode::GONE);
    assert_eq!(code(&unknown.body), "invite_invalid");
    assert!(!has_account(&app, &email).await);
    assert_eq!(preview(&app, &token).await.status, StatusCode::OK);
    assert_eq!(
        accept(&app, &token, "long enough").await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn an_inviter_who_left_a_channel_no_longer_brings_anyone_into_it() {
    let app = spawn_app().await;
    let owner = app.person("Otto", Role::Member).await;
    let member = app.person("Mo", Role::Member).await;
    let kept = unique("kept");
    let kept_id = app.channel(&member, &kept, "public").await;
    let left = app.channel(&owner, &unique("left"), "private").await;
    app.add(&left, &member, ChannelRole::Member).await;
    let (_, token) = invite(&app, &member, &address("late"), &[&kept_id, &left]).await;
    let (status, _) = app
        .post(
            &format!("/api/v1/channels/{left}/leave"),
            &member,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let shown = preview(&app, &token).await;
    assert_eq!(shown.body["channels"], json!(["general", kept.clone()]));
    let accepted = accept(&app, &token, "long enough").await;
    let guest = refresh(&app, &accepted.cookie.unwrap()).await.ok().unwrap();
    let mut expected = vec!["general".to_string(), kept];
    expected.sort();
    assert_eq!(sidebar_channels(&app, &guest).await, expected);
}
