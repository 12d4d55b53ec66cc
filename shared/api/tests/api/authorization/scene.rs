//! What one cell acts on, made for that cell alone: only what its path names.

use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::conversation::Participants;
use domain::sidebar::CategoryName;
use domain::user::Role;
use domain::{ChannelId, Timestamp};
use serde_json::json;

use super::actors::World;
use crate::{TestApp, unique};

/// What one cell acts on: a public channel (owner, channel admin, member and `target` in it), a
/// group (owner, channel admin, member and one more), and the member's category.
/// Only what the cell's path names is made.
#[derive(Default)]
pub(super) struct Scene {
    channel: String,
    group: String,
    category: String,
    /// A message the member wrote in the channel, and one in the group.
    message: String,
    group_message: String,
    /// A file the member shared in the channel, and one in the group.
    file: String,
    group_file: String,
    /// A member of their own, for routes that act on a person (deactivate, change role).
    victim: String,
    /// A pending invite of its own.
    invite: String,
}

/// Makes what `path` names, for one cell.
pub(super) async fn scene(app: &TestApp, world: &World, path: &str) -> Scene {
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
    if path.contains("{file}") {
        scene.file = scene_file(app, world, "channels", &scene.channel).await;
    }
    if path.contains("{gfile}") {
        scene.group_file = scene_file(app, world, "conversations", &scene.group).await;
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
    let hash = auth::secrets::hash_token(&auth::secrets::random_token());
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

async fn scene_file(app: &TestApp, world: &World, kind: &str, id: &str) -> String {
    let upload = app
        .upload(
            &world.member,
            // The table's workspace allows only PDF and PNG files.
            "shared.pdf",
            "application/pdf",
            b"%PDF-1.4 a file to fetch",
        )
        .await;
    let (status, message) = app
        .post(
            &format!("/api/v1/{kind}/{id}/messages"),
            &world.member,
            json!({"body": "a file", "attachmentIDs": [upload]}),
        )
        .await;
    assert_eq!(status.as_u16(), 201, "{message}");
    message["attachments"][0]["id"]
        .as_str()
        .unwrap()
        .to_string()
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

/// `path` with its placeholders filled in from the world and the scene.
pub(super) fn fill(path: &str, world: &World, scene: &Scene) -> String {
    path.replace("{channel}", &scene.channel)
        .replace("{group}", &scene.group)
        .replace("{category}", &scene.category)
        .replace("{target}", &world.target.id())
        .replace("{victim}", &scene.victim)
        .replace("{invite}", &scene.invite)
        .replace("{gmessage}", &scene.group_message)
        .replace("{gfile}", &scene.group_file)
        .replace("{file}", &scene.file)
        .replace("{message}", &scene.message)
}
