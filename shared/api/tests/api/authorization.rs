//! Every route against every kind of caller, as one table. Each cell runs on a scene of its own
//! (its own channel, group, category), so a cell that changes something cannot change another
//! cell's answer. A route the router serves without a row here fails the test.

use std::collections::BTreeSet;

use axum::http::Method;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::conversation::Participants;
use domain::sidebar::CategoryName;
use domain::user::{Role, UserStatus};
use domain::{ChannelId, Timestamp};
use futures::StreamExt;
use serde_json::{Value, json};

use crate::{Person, TestApp, spawn_app, unique};

/// The columns of the table.
#[derive(Debug, Clone, Copy)]
enum Actor {
    /// A system admin who is not in the channel or the group.
    Admin,
    /// The channel's owner; in the group.
    Owner,
    /// A channel admin; in the group.
    ChannelAdmin,
    /// A plain channel member; in the group; owns the category.
    Member,
    /// A workspace member in neither the channel nor the group.
    NonMember,
    /// A guest in neither.
    Guest,
    /// A deactivated account with a still-unexpired token.
    Deactivated,
    Anonymous,
}

const ACTORS: [Actor; 8] = [
    Actor::Admin,
    Actor::Owner,
    Actor::ChannelAdmin,
    Actor::Member,
    Actor::NonMember,
    Actor::Guest,
    Actor::Deactivated,
    Actor::Anonymous,
];

/// The people, shared by every cell.
struct World {
    admin: Person,
    owner: Person,
    channel_admin: Person,
    member: Person,
    non_member: Person,
    guest: Person,
    deactivated: Person,
    target: Person,
    newcomer: Person,
}

impl World {
    fn person(&self, actor: Actor) -> Option<&Person> {
        Some(match actor {
            Actor::Admin => &self.admin,
            Actor::Owner => &self.owner,
            Actor::ChannelAdmin => &self.channel_admin,
            Actor::Member => &self.member,
            Actor::NonMember => &self.non_member,
            Actor::Guest => &self.guest,
            Actor::Deactivated => &self.deactivated,
            Actor::Anonymous => return None,
        })
    }
}

/// What one cell acts on: a public channel (owner, channel admin, member and `target` in it), a
/// group (owner, channel admin, member and one more), and the member's category.
/// Only what the cell's path names is made.
#[derive(Default)]
struct Scene {
    channel: String,
    group: String,
    category: String,
    /// A message the member wrote in the channel, and one in the group.
    message: String,
    group_message: String,
    /// A member of their own, for routes that act on a person (deactivate, change role).
    victim: String,
    /// A pending invite of its own.
    invite: String,
}

/// Routes that end the caller's own access: each cell calls as a stand-in of its own (same
/// role and status), so it cannot sign the shared people out of other cells.
const ENDS_CALLERS_ACCESS: &[&str] = &["/api/v1/users/me/sessions"];

impl Actor {
    /// A fresh person in this actor's role and status (for `ENDS_CALLERS_ACCESS` routes).
    async fn stand_in(self, app: &TestApp) -> Option<Person> {
        let role = match self {
            Actor::Anonymous => return None,
            Actor::Admin => Role::Admin,
            Actor::Guest => Role::Guest,
            _ => Role::Member,
        };
        let person = app.person("stand-in", role).await;
        if matches!(self, Actor::Deactivated) {
            deactivate(app, &person).await;
        }
        Some(person)
    }
}

struct Row {
    method: Method,
    /// The route as the OpenAPI document names it.
    route: &'static str,
    /// The path called: `{channel}`, `{group}`, `{target}`, `{victim}` and `{category}` are
    /// filled in.
    path: &'static str,
    body: fn(&World) -> Option<Value>,
    /// Admin, owner, channel admin, member, non-member, guest, deactivated, anonymous.
    expect: [u16; 8],
}

fn none(_: &World) -> Option<Value> {
    None
}

const ANY: [u16; 8] = [200, 200, 200, 200, 200, 200, 200, 200];
/// Every signed-in active user; 401 for the deactivated and the anonymous.
const SIGNED_IN: [u16; 8] = [200, 200, 200, 200, 200, 200, 401, 401];
/// System admins only.
const ADMINS_ONLY: [u16; 8] = [200, 403, 403, 403, 403, 403, 401, 401];
/// Only the member (whose category it is).
const OWN_CATEGORY: fn(u16) -> [u16; 8] = |ok| [404, 404, 404, ok, 404, 404, 401, 401];
/// Channel members read and write; a system admin or member outside a public channel must join
/// first (403); a guest does not see it (404).
const CHANNEL_MEMBERS: fn(u16) -> [u16; 8] = |ok| [403, ok, ok, ok, 403, 404, 401, 401];
/// Group participants only; everybody else is told it does not exist.
const PARTICIPANTS: fn(u16) -> [u16; 8] = |ok| [404, ok, ok, ok, 404, 404, 401, 401];

fn rows() -> Vec<Row> {
    let row = |method: Method,
               route: &'static str,
               path: &'static str,
               body: fn(&World) -> Option<Value>,
               expect: [u16; 8]| Row {
        method,
        route,
        path,
        body,
        expect,
    };
    use Method as M;
    vec![
        row(M::GET, "/healthz", "/healthz", none, ANY),
        row(M::GET, "/api/v1/config", "/api/v1/config", none, ANY),
        row(
            M::GET,
            "/auth/oidc/login",
            "/auth/oidc/login",
            none,
            [303; 8],
        ),
        row(
            M::GET,
            "/auth/oidc/callback",
            "/auth/oidc/callback?code=c&state=s",
            none,
            [303; 8],
        ),
        row(
            M::POST,
            "/auth/token/refresh",
            "/auth/token/refresh",
            none,
            [401; 8],
        ),
        row(M::POST, "/auth/logout", "/auth/logout", none, [204; 8]),
        row(
            M::DELETE,
            "/api/v1/users/me/sessions",
            "/api/v1/users/me/sessions",
            none,
            [204, 204, 204, 204, 204, 204, 401, 401],
        ),
        row(
            M::POST,
            "/auth/login",
            "/auth/login",
            |_| Some(json!({"email": "nobody@example.com", "password": "not a password"})),
            [401; 8],
        ),
        row(
            M::POST,
            "/auth/password/forgot",
            "/auth/password/forgot",
            |_| Some(json!({"email": "nobody@example.com"})),
            [202; 8],
        ),
        row(
            M::POST,
            "/auth/password/reset",
            "/auth/password/reset",
            |_| Some(json!({"token": domain::token::random_token(), "password": "long enough"})),
            [410; 8],
        ),
        row(
            M::POST,
            "/auth/invite/preview",
            "/auth/invite/preview",
            |_| Some(json!({"token": domain::token::random_token()})),
            [410; 8],
        ),
        row(
            M::POST,
            "/auth/invite/accept",
            "/auth/invite/accept",
            |_| {
                Some(
                    json!({"token": domain::token::random_token(), "displayName": "Gwen",
                    "password": "long enough"}),
                )
            },
            [410; 8],
        ),
        row(
            M::POST,
            "/api/v1/invites",
            "/api/v1/invites",
            |_| {
                Some(
                    json!({"email": format!("{}@example.com", unique("invitee")), "channelIDs": []}),
                )
            },
            // Admins and members invite (the default policy); guests never.
            [201, 201, 201, 201, 201, 403, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/invites",
            "/api/v1/invites",
            none,
            ADMINS_ONLY,
        ),
        row(
            M::DELETE,
            "/api/v1/invites/{id}",
            "/api/v1/invites/{invite}",
            none,
            [204, 403, 403, 403, 403, 403, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/users/me",
            "/api/v1/users/me",
            none,
            SIGNED_IN,
        ),
        row(M::GET, "/api/v1/users", "/api/v1/users", none, SIGNED_IN),
        row(
            M::PATCH,
            "/api/v1/users/me",
            "/api/v1/users/me",
            |_| Some(json!({"timeZone": "Europe/Paris"})),
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/users/me/status",
            "/api/v1/users/me/status",
            |_| Some(json!({"emoji": "🌴", "text": "Away"})),
            SIGNED_IN,
        ),
        row(
            M::DELETE,
            "/api/v1/users/me/status",
            "/api/v1/users/me/status",
            none,
            [204, 204, 204, 204, 204, 204, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/presence",
            "/api/v1/presence?ids={target}",
            none,
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/users/me/handle",
            "/api/v1/users/me/handle",
            |_| Some(json!({"handle": unique("h")})),
            SIGNED_IN,
        ),
        row(
            M::POST,
            "/api/v1/users/batch",
            "/api/v1/users/batch",
            |w| Some(json!({"ids": [w.member.id()]})),
            SIGNED_IN,
        ),
        row(
            M::GET,
            "/api/v1/admin/users",
            "/api/v1/admin/users?q=a&limit=5",
            none,
            ADMINS_ONLY,
        ),
        row(
            M::PATCH,
            "/api/v1/users/{id}/role",
            "/api/v1/users/{victim}/role",
            |_| Some(json!({"role": "guest"})),
            ADMINS_ONLY,
        ),
        row(
            M::PATCH,
            "/api/v1/users/{id}/status",
            "/api/v1/users/{victim}/status",
            |_| Some(json!({"status": "deactivated"})),
            ADMINS_ONLY,
        ),
        row(
            M::GET,
            "/api/v1/workspace",
            "/api/v1/workspace",
            none,
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/admin/settings",
            "/api/v1/admin/settings",
            |_| {
                Some(json!({"name": "Acme", "maxUploadBytes": 1048576,
                    "allowedFileTypes": ["pdf", "png"], "invitePolicy": "everyone"}))
            },
            ADMINS_ONLY,
        ),
        row(
            M::POST,
            "/api/v1/ws/ticket",
            "/api/v1/ws/ticket",
            none,
            SIGNED_IN,
        ),
        row(
            M::GET,
            "/api/v1/sidebar",
            "/api/v1/sidebar",
            none,
            SIGNED_IN,
        ),
        row(
            M::POST,
            "/api/v1/sidebar/categories",
            "/api/v1/sidebar/categories",
            |_| Some(json!({"name": unique("work")})),
            [201, 201, 201, 201, 201, 201, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/sidebar/categories/{id}",
            "/api/v1/sidebar/categories/{category}",
            |_| Some(json!({"name": "Renamed", "position": 3.5})),
            OWN_CATEGORY(200),
        ),
        row(
            M::DELETE,
            "/api/v1/sidebar/categories/{id}",
            "/api/v1/sidebar/categories/{category}",
            none,
            OWN_CATEGORY(204),
        ),
        row(
            M::GET,
            "/api/v1/channels",
            "/api/v1/channels?q=team",
            none,
            [200, 200, 200, 200, 200, 403, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels",
            "/api/v1/channels",
            |_| Some(json!({"name": unique("made"), "type": "private"})),
            [201, 201, 201, 201, 201, 403, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}",
            "/api/v1/channels/{channel}",
            none,
            [200, 200, 200, 200, 200, 404, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}",
            "/api/v1/channels/{channel}",
            |_| Some(json!({"description": "What we do here"})),
            [200, 200, 200, 403, 403, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/archive",
            "/api/v1/channels/{channel}/archive",
            none,
            [200, 200, 403, 403, 403, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/unarchive",
            "/api/v1/channels/{channel}/unarchive",
            none,
            [200, 200, 403, 403, 403, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/join",
            "/api/v1/channels/{channel}/join",
            none,
            [200, 200, 200, 200, 200, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/leave",
            "/api/v1/channels/{channel}/leave",
            none,
            // The owner is the only owner: 409 until they hand over.
            [403, 409, 204, 204, 403, 404, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/members",
            "/api/v1/channels/{channel}/members",
            none,
            [200, 200, 200, 200, 200, 404, 401, 401],
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/members",
            "/api/v1/channels/{channel}/members",
            |w| Some(json!({"userID": w.newcomer.id()})),
            [201, 201, 201, 201, 403, 404, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}/members/{userId}",
            "/api/v1/channels/{channel}/members/{target}",
            |_| Some(json!({"role": "admin"})),
            [200, 200, 200, 403, 403, 404, 401, 401],
        ),
        row(
            M::DELETE,
            "/api/v1/channels/{id}/members/{userId}",
            "/api/v1/channels/{channel}/members/{target}",
            none,
            [204, 204, 204, 403, 403, 404, 401, 401],
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}/membership",
            "/api/v1/channels/{channel}/membership",
            |_| Some(json!({"favorite": true, "muted": true, "position": 2.0})),
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/read",
            "/api/v1/channels/{channel}/read",
            |_| Some(json!({"seq": 1})),
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/messages",
            "/api/v1/channels/{channel}/messages",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/messages",
            "/api/v1/channels/{channel}/messages",
            |_| Some(json!({"body": "hello"})),
            CHANNEL_MEMBERS(201),
        ),
        row(
            M::PATCH,
            "/api/v1/channels/{id}/messages/{messageId}",
            "/api/v1/channels/{channel}/messages/{message}",
            |_| Some(json!({"body": "edited"})),
            // Only the author (the member) edits.
            [403, 403, 403, 200, 403, 404, 401, 401],
        ),
        row(
            M::DELETE,
            "/api/v1/channels/{id}/messages/{messageId}",
            "/api/v1/channels/{channel}/messages/{message}",
            none,
            // The author, or a channel admin or owner.
            [403, 204, 204, 204, 403, 404, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/messages/{messageId}/thread",
            "/api/v1/channels/{channel}/messages/{message}/thread",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/messages/{messageId}/thread/read",
            "/api/v1/channels/{channel}/messages/{message}/thread/read",
            |_| Some(json!({"seq": 1})),
            CHANNEL_MEMBERS(204),
        ),
        row(
            M::PUT,
            "/api/v1/channels/{id}/messages/{messageId}/follow",
            "/api/v1/channels/{channel}/messages/{message}/follow",
            |_| Some(json!({"following": true})),
            CHANNEL_MEMBERS(204),
        ),
        row(
            M::PUT,
            "/api/v1/channels/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/channels/{channel}/messages/{message}/reactions/%F0%9F%91%8D",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::DELETE,
            "/api/v1/channels/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/channels/{channel}/messages/{message}/reactions/%F0%9F%91%8D",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::PUT,
            "/api/v1/channels/{id}/messages/{messageId}/pin",
            "/api/v1/channels/{channel}/messages/{message}/pin",
            |_| Some(json!({"pinned": true})),
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::GET,
            "/api/v1/channels/{id}/pins",
            "/api/v1/channels/{channel}/pins",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::POST,
            "/api/v1/channels/{id}/messages/{messageId}/unread",
            "/api/v1/channels/{channel}/messages/{message}/unread",
            none,
            CHANNEL_MEMBERS(200),
        ),
        row(
            M::PATCH,
            "/api/v1/conversations/{id}/messages/{messageId}",
            "/api/v1/conversations/{group}/messages/{gmessage}",
            |_| Some(json!({"body": "edited"})),
            // Only the author (the member) edits.
            [404, 403, 403, 200, 404, 404, 401, 401],
        ),
        row(
            M::DELETE,
            "/api/v1/conversations/{id}/messages/{messageId}",
            "/api/v1/conversations/{group}/messages/{gmessage}",
            none,
            // Only the author: conversations have no moderators.
            [404, 403, 403, 204, 404, 404, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/messages/{messageId}/thread",
            "/api/v1/conversations/{group}/messages/{gmessage}/thread",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/messages/{messageId}/thread/read",
            "/api/v1/conversations/{group}/messages/{gmessage}/thread/read",
            |_| Some(json!({"seq": 1})),
            PARTICIPANTS(204),
        ),
        row(
            M::PUT,
            "/api/v1/conversations/{id}/messages/{messageId}/follow",
            "/api/v1/conversations/{group}/messages/{gmessage}/follow",
            |_| Some(json!({"following": true})),
            PARTICIPANTS(204),
        ),
        row(
            M::PUT,
            "/api/v1/conversations/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/conversations/{group}/messages/{gmessage}/reactions/%F0%9F%91%8D",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::DELETE,
            "/api/v1/conversations/{id}/messages/{messageId}/reactions/{emoji}",
            "/api/v1/conversations/{group}/messages/{gmessage}/reactions/%F0%9F%91%8D",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::PUT,
            "/api/v1/conversations/{id}/messages/{messageId}/pin",
            "/api/v1/conversations/{group}/messages/{gmessage}/pin",
            |_| Some(json!({"pinned": true})),
            PARTICIPANTS(200),
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/pins",
            "/api/v1/conversations/{group}/pins",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/messages/{messageId}/unread",
            "/api/v1/conversations/{group}/messages/{gmessage}/unread",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::GET,
            "/api/v1/threads",
            "/api/v1/threads",
            none,
            SIGNED_IN,
        ),
        row(M::GET, "/api/v1/drafts", "/api/v1/drafts", none, SIGNED_IN),
        row(
            M::GET,
            "/api/v1/me/notifications",
            "/api/v1/me/notifications",
            none,
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/me/notifications",
            "/api/v1/me/notifications",
            |_| Some(json!({"level": "mentions", "desktop": true, "sound": false})),
            SIGNED_IN,
        ),
        row(
            M::PUT,
            "/api/v1/drafts",
            "/api/v1/drafts",
            |_| {
                Some(json!({"parentID": domain::ChannelId::GENERAL.to_string(),
                    "parentType": "channel", "body": "half a thought",
                    "editedAt": "2026-01-01T00:00:00.000Z"}))
            },
            // Every person is in #general; each saves their own draft.
            SIGNED_IN,
        ),
        row(
            M::POST,
            "/api/v1/conversations",
            "/api/v1/conversations",
            |w| Some(json!({"participantIDs": [w.member.id()]})),
            [201, 201, 201, 201, 201, 201, 401, 401],
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}",
            "/api/v1/conversations/{group}",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::PATCH,
            "/api/v1/conversations/{id}",
            "/api/v1/conversations/{group}",
            |_| Some(json!({"name": "Launch crew"})),
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/participants",
            "/api/v1/conversations/{group}/participants",
            |w| Some(json!({"userIDs": [w.newcomer.id()]})),
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/leave",
            "/api/v1/conversations/{group}/leave",
            none,
            PARTICIPANTS(204),
        ),
        row(
            M::PATCH,
            "/api/v1/conversations/{id}/membership",
            "/api/v1/conversations/{group}/membership",
            |_| Some(json!({"favorite": true})),
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/read",
            "/api/v1/conversations/{group}/read",
            |_| Some(json!({"seq": 1})),
            PARTICIPANTS(200),
        ),
        row(
            M::GET,
            "/api/v1/conversations/{id}/messages",
            "/api/v1/conversations/{group}/messages",
            none,
            PARTICIPANTS(200),
        ),
        row(
            M::POST,
            "/api/v1/conversations/{id}/messages",
            "/api/v1/conversations/{group}/messages",
            |_| Some(json!({"body": "hi all"})),
            PARTICIPANTS(201),
        ),
    ]
}

/// Deactivates `person` as the admin routes do: status, then their tokens end.
async fn deactivate(app: &TestApp, person: &Person) {
    app.state
        .store
        .users()
        .set_status(person.user.id, UserStatus::Deactivated)
        .await
        .unwrap();
    api::revoke_access(&app.state, person.user.id)
        .await
        .unwrap();
}

async fn world(app: &TestApp) -> World {
    let deactivated = app.person("dee", Role::Member).await;
    deactivate(app, &deactivated).await;
    World {
        admin: app.person("ada", Role::Admin).await,
        owner: app.person("otto", Role::Member).await,
        channel_admin: app.person("cora", Role::Member).await,
        member: app.person("mia", Role::Member).await,
        non_member: app.person("nils", Role::Member).await,
        guest: app.person("gus", Role::Guest).await,
        deactivated,
        target: app.person("tara", Role::Member).await,
        newcomer: app.person("ned", Role::Member).await,
    }
}

async fn scene(app: &TestApp, world: &World, path: &str) -> Scene {
    let mut scene = Scene::default();
    if path.contains("{channel}") {
        scene.channel = scene_channel(app, world).await;
    }
    if path.contains("{group}") {
        scene.group = scene_group(app, world).await;
    }
    if path.contains("{message}") {
        scene.message = scene_message(app, world, "channels", &scene.channel).await;
    }
    if path.contains("{gmessage}") {
        scene.group_message = scene_message(app, world, "conversations", &scene.group).await;
    }
    if path.contains("{category}") {
        scene.category = scene_category(app, world).await;
    }
    if path.contains("{victim}") {
        scene.victim = app.person("victim", Role::Member).await.id();
    }
    if path.contains("{invite}") {
        scene.invite = scene_invite(app, world).await;
    }
    scene
}

async fn scene_invite(app: &TestApp, world: &World) -> String {
    let now = Timestamp::now();
    let invite = domain::invites::Invite {
        id: domain::InviteId::new(),
        email: format!("{}@example.com", unique("invitee")),
        channel_ids: vec![],
        invited_by: world.member.user.id,
        created_at: now,
        expires_at: now.plus_seconds(3600),
    };
    let hash = domain::token::hash_token(&domain::token::random_token());
    app.state.store.invites().put(&invite, &hash).await.unwrap();
    invite.id.to_string()
}

async fn scene_message(app: &TestApp, world: &World, kind: &str, id: &str) -> String {
    let (status, message) = app
        .post(
            &format!("/api/v1/{kind}/{id}/messages"),
            &world.member,
            json!({"body": "a message to act on"}),
        )
        .await;
    assert_eq!(status.as_u16(), 201, "{message}");
    message["id"].as_str().unwrap().to_string()
}

async fn scene_channel(app: &TestApp, world: &World) -> String {
    let store = &app.state.store;
    let channel = Channel {
        id: ChannelId::new(),
        name: unique("team"),
        slug: String::new(),
        description: String::new(),
        kind: ChannelType::Public,
        created_by: world.owner.user.id,
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    };
    let channel = Channel {
        slug: channel.name.clone(),
        ..channel
    };
    assert!(
        store
            .channels()
            .create(&channel, world.owner.user.id)
            .await
            .unwrap()
    );
    app.add(
        &channel.id.to_string(),
        &world.channel_admin,
        ChannelRole::Admin,
    )
    .await;
    app.add(&channel.id.to_string(), &world.member, ChannelRole::Member)
        .await;
    app.add(&channel.id.to_string(), &world.target, ChannelRole::Member)
        .await;
    channel.id.to_string()
}

async fn scene_group(app: &TestApp, world: &World) -> String {
    let store = &app.state.store;
    // A fourth participant of its own keeps each scene's group a different set of people.
    let extra = app.person("extra", Role::Member).await;
    let people = Participants::parse(
        world.owner.user.id,
        &[
            world.channel_admin.user.id,
            world.member.user.id,
            extra.user.id,
        ],
    )
    .unwrap();
    let (group, made) = store
        .conversations()
        .open(&people, world.owner.user.id, None)
        .await
        .unwrap();
    assert!(made);
    group.id.to_string()
}

async fn scene_category(app: &TestApp, world: &World) -> String {
    let category = match app
        .state
        .store
        .categories()
        .create(
            world.member.user.id,
            &CategoryName::parse(&unique("cat")).unwrap(),
            1.0,
        )
        .await
        .unwrap()
    {
        store::categories::Change::Done(c) => c,
        other => panic!("category not made: {other:?}"),
    };
    category.id.to_string()
}

fn fill(path: &str, world: &World, scene: &Scene) -> String {
    path.replace("{channel}", &scene.channel)
        .replace("{group}", &scene.group)
        .replace("{category}", &scene.category)
        .replace("{target}", &world.target.id())
        .replace("{victim}", &scene.victim)
        .replace("{invite}", &scene.invite)
        .replace("{gmessage}", &scene.group_message)
        .replace("{message}", &scene.message)
}

#[tokio::test]
async fn every_route_answers_every_kind_of_caller_as_the_table_says() {
    // Who may call what, not how often (`hardening` tests the limits): the rows send the same
    // address on every run, and the counters live on in the shared Redis.
    let mut app = spawn_app().await;
    app.state.rate_limits = api::RateLimits::unlimited();
    app.router = api::router(app.state.clone());
    let world = world(&app).await;
    let rows = rows();

    // Every documented route has a row, and every row is a documented route.
    let documented: BTreeSet<(String, String)> = api::openapi()
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            let mut methods = Vec::new();
            for (method, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PATCH", &item.patch),
                ("PUT", &item.put),
                ("DELETE", &item.delete),
            ] {
                if op.is_some() {
                    methods.push((method.to_string(), path.clone()));
                }
            }
            methods
        })
        .collect();
    let tabled: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.to_string(), r.route.to_string()))
        .collect();
    assert_eq!(
        documented.difference(&tabled).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "routes without a row in the authorization table"
    );
    assert_eq!(
        tabled.difference(&documented).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "rows for routes the API does not have"
    );

    let cells: Vec<(&Row, usize)> = rows
        .iter()
        .flat_map(|row| (0..ACTORS.len()).map(move |i| (row, i)))
        .collect();
    let outcomes: Vec<Option<String>> = futures::stream::iter(cells)
        .map(|(row, i)| {
            let (app, world) = (&app, &world);
            async move {
                let scene = scene(app, world, row.path).await;
                let actor = ACTORS[i];
                let path = fill(row.path, world, &scene);
                let stand_in = if ENDS_CALLERS_ACCESS.contains(&row.route) {
                    actor.stand_in(app).await
                } else {
                    None
                };
                let caller = stand_in.as_ref().or(world.person(actor));
                let (status, body) = app
                    .call(row.method.clone(), &path, caller, (row.body)(world))
                    .await;
                (status.as_u16() != row.expect[i]).then(|| {
                    format!(
                        "{} {} as {actor:?}: expected {}, got {} {body}",
                        row.method, row.route, row.expect[i], status
                    )
                })
            }
        })
        .buffer_unordered(12)
        .collect()
        .await;
    let wrong: Vec<String> = outcomes.into_iter().flatten().collect();
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
