//! Invites by email, end to end: the invite is mailed through the SES stand-in (ministack), the
//! test reads the mail back, follows the link (preview, accept) and uses the guest's session.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::channel::ChannelRole;
use domain::invites::Invite;
use domain::token::hash_token;
use domain::user::Role;
use domain::{InviteId, Timestamp};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::{Person, TestApp, code, spawn_app, unique};

/// An answer of a cookie-carrying auth route.
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    /// The refresh cookie it set, as `name=value` (ready for a `Cookie` header).
    pub cookie: Option<String>,
}

/// POSTs `body` to `path` without a token, sending `cookie` if given, as the app's pages do.
pub async fn post_public(app: &TestApp, path: &str, body: Value, cookie: Option<&str>) -> Answer {
    let mut request = Request::post(path)
        .header("content-type", "application/json")
        .header(header::ORIGIN, crate::APP_ORIGIN);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with("parley_refresh=") && pair.len() > "parley_refresh=".len())
        .map(str::to_string);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    Answer {
        status,
        body,
        cookie,
    }
}

/// Trades a refresh cookie for an access token: the signed-in person, or the refusal.
pub async fn refresh(app: &TestApp, cookie: &str) -> Result<Person, Answer> {
    let answer = post_public(app, "/auth/token/refresh", json!({}), Some(cookie)).await;
    if answer.status != StatusCode::OK {
        return Err(answer);
    }
    Ok(Person {
        user: serde_json::from_value(answer.body["user"].clone()).unwrap(),
        token: answer.body["accessToken"].as_str().unwrap().to_string(),
    })
}

/// Every mail the SES stand-in holds for `to`, oldest first (`Subject`, `BodyText`, ...).
pub async fn mails_to(to: &str) -> Vec<Value> {
    let endpoint = std::env::var("SES_ENDPOINT").expect(
        "SES_ENDPOINT is not set: run the tests with `make test` (the stack runs ministack)",
    );
    let all: Value = reqwest::get(format!("{endpoint}/_ministack/ses/messages"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    all["messages"]
        .as_object()
        .into_iter()
        .flat_map(|accounts| accounts.values())
        .filter_map(Value::as_array)
        .flatten()
        .filter(|m| {
            m["To"]
                .as_array()
                .is_some_and(|list| list.iter().any(|a| a == to))
        })
        .cloned()
        .collect()
}

/// The token of the first `{BASE_URL}{prefix}<token>` link in `text`.
pub fn link_token(text: &str, prefix: &str) -> String {
    let link = format!("http://localhost:3000{prefix}");
    let start = text
        .find(&link)
        .unwrap_or_else(|| panic!("no {link} in {text}"))
        + link.len();
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// A fresh address nobody has.
pub fn address(name: &str) -> String {
    format!("{name}-{}@example.com", ulid::Ulid::new()).to_lowercase()
}

/// Invites `email` as `who` to `channels`; the invite and the token of the mailed link.
pub async fn invite(
    app: &TestApp,
    who: &Person,
    email: &str,
    channels: &[&str],
) -> (Value, String) {
    let (status, invite) = app
        .post(
            "/api/v1/invites",
            who,
            json!({"email": email, "channelIDs": channels}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{invite}");
    let mails = mails_to(email).await;
    let mail = mails.last().expect("the invite was mailed");
    let token = link_token(mail["BodyText"].as_str().unwrap(), "/invite/");
    (invite, token)
}

/// A guest who came by invite, signed in.
pub struct Guest {
    pub email: String,
    pub password: String,
    pub cookie: String,
    pub person: Person,
}

pub async fn guest(app: &TestApp, inviter: &Person) -> Guest {
    let email = address("guest");
    let (_, token) = invite(app, inviter, &email, &[]).await;
    let password = "a long enough password".to_string();
    let accepted = post_public(
        app,
        "/auth/invite/accept",
        json!({"token": token, "displayName": "Gwen Guest", "password": password}),
        None,
    )
    .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.body);
    let cookie = accepted.cookie.expect("accepting signs in");
    let person = refresh(app, &cookie).await.ok().unwrap();
    Guest {
        email,
        password,
        cookie,
        person,
    }
}

async fn accept(app: &TestApp, token: &str, password: &str) -> Answer {
    post_public(
        app,
        "/auth/invite/accept",
        json!({"token": token, "displayName": "  Gwen Guest ", "password": password}),
        None,
    )
    .await
}

async fn preview(app: &TestApp, token: &str) -> Answer {
    post_public(app, "/auth/invite/preview", json!({"token": token}), None).await
}

fn sidebar_channels(sidebar: &Value) -> Vec<String> {
    sidebar["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["channel"]["name"].as_str().unwrap().to_string())
        .collect()
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
    let (_, sidebar) = app.get("/api/v1/sidebar", &guest).await;
    let mut names = sidebar_channels(&sidebar);
    names.sort();
    let mut expected = vec!["general".to_string(), public.clone(), private.clone()];
    expected.sort();
    assert_eq!(names, expected);
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
    let token = domain::token::random_token();
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
    assert!(
        app.state
            .store
            .users()
            .by_email(&email)
            .await
            .unwrap()
            .is_none()
    );
    let (_, pending) = app.get("/api/v1/invites", &admin).await;
    assert!(!pending.to_string().contains(&email), "{pending}");
}

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
    app.state
        .store
        .users()
        .create(&user, None, false)
        .await
        .unwrap()
        .unwrap();
    let accepted = accept(&app, &token, "long enough").await;
    assert_eq!(accepted.status, StatusCode::CONFLICT);
    assert_eq!(code(&accepted.body), "already_member");
    assert!(accepted.cookie.is_none());
}

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
    let unknown = accept(&app, &domain::token::random_token(), "long enough").await;
    assert_eq!(unknown.status, StatusCode::GONE);
    assert_eq!(code(&unknown.body), "invite_invalid");
    assert!(
        app.state
            .store
            .users()
            .by_email(&email)
            .await
            .unwrap()
            .is_none()
    );
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
    let (_, sidebar) = app.get("/api/v1/sidebar", &guest).await;
    let mut names = sidebar_channels(&sidebar);
    names.sort();
    let mut expected = vec!["general".to_string(), kept];
    expected.sort();
    assert_eq!(names, expected);
}
