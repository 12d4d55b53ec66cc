//! The store against a real DynamoDB Local, a fresh table per test. One binary, one module per
//! concept; the helpers every module shares live here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod admin;
mod around;
mod channels;
mod conversations;
mod deletes;
mod drafts;
mod edits;
mod features;
mod files;
mod handles;
mod lost_answers;
mod mention_counts;
mod messages;
mod migrations;
mod pins;
mod profiles;
mod reactions;
mod revocations;
mod schema;
mod search;
mod sessions;
mod sidebar;
mod threads;
mod users;

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::message::{Message, MessageBody};
use domain::user::User;
use domain::{ChannelId, MessageId, Parent, Timestamp, UserId};
use store::Store;
use store::channels::AddMember;
use store::messages::{Content, NewMessage, Refusal, ResolvedMentions};
use store::schema::Ensured;

/// A store on a table of its own. `make test` starts DynamoDB Local and sets DYNAMODB_ENDPOINT.
pub async fn fresh_store() -> Store {
    let endpoint = std::env::var("DYNAMODB_ENDPOINT").expect(
        "DYNAMODB_ENDPOINT is not set: run the tests with `make test`, which starts DynamoDB Local",
    );
    let table = format!("test-{}", ulid::Ulid::new().to_string().to_lowercase());
    let store = Store::connect("us-east-1", Some(&endpoint), table).await;
    assert_eq!(store.ensure_table().await.unwrap(), Ensured::Created);
    store
}

/// A new open channel whose name and slug are `name`, created now.
pub fn channel(name: &str, kind: ChannelType) -> Channel {
    Channel {
        id: ChannelId::new(),
        name: name.into(),
        slug: name.into(),
        description: String::new(),
        kind,
        created_by: UserId::new(),
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    }
}

/// Stores `user` as a new account (no identity-provider subject, no first-admin claim).
pub async fn create_user(store: &Store, user: &User) {
    store
        .users()
        .create(user, None, false)
        .await
        .unwrap()
        .unwrap();
}

/// A channel name no other channel of the table has (slugs stay taken for good).
pub fn unique_name() -> String {
    format!("room-{}", ChannelId::new().to_string().to_lowercase())
}

/// A new public channel, as someone's.
pub async fn room(store: &Store) -> Parent {
    let room = channel(&unique_name(), ChannelType::Public);
    assert!(store.channels().create(&room, UserId::new()).await.unwrap());
    Parent::Channel(room.id)
}

/// Adds `user` to the channel with `role`: what the store says came of it.
pub async fn add_member(
    store: &Store,
    id: ChannelId,
    user: UserId,
    role: ChannelRole,
) -> AddMember {
    store.channels().add_member(id, user, role).await.unwrap()
}

/// Sends `message` to `parent`: the message as stored.
pub async fn append(store: &Store, parent: Parent, message: NewMessage) -> Message {
    store
        .messages()
        .append(parent, message)
        .await
        .unwrap()
        .expect("the parent is read-only")
}

/// `message` as a reply to `root`: the reply, and the root as the reply left it.
pub async fn reply_to(
    store: &Store,
    parent: Parent,
    root: MessageId,
    message: NewMessage,
) -> (Message, Message) {
    store
        .threads()
        .reply(parent, root, message)
        .await
        .unwrap()
        .expect("the reply was refused")
}

/// The message `id` (a reply of `root` when given) as it is stored now.
pub async fn stored(
    store: &Store,
    parent: Parent,
    root: Option<MessageId>,
    id: MessageId,
) -> Message {
    store
        .messages()
        .get(parent, root, id)
        .await
        .unwrap()
        .expect("the message is gone")
}

/// A plain message by someone.
pub fn text(body: &str) -> NewMessage {
    NewMessage {
        id: domain::MessageId::new(),
        author: UserId::new(),
        content: Content::Text(MessageBody::parse(body).unwrap()),
        client_nonce: None,
        mentions: Default::default(),
    }
}

/// A plain message by `author`.
pub fn text_by(author: UserId, body: &str) -> NewMessage {
    NewMessage {
        author,
        ..text(body)
    }
}

/// Deletes the message `id` (a reply of `root` when given): the emptied message, or the refusal.
pub async fn delete(
    store: &Store,
    parent: Parent,
    root: Option<MessageId>,
    id: MessageId,
) -> Result<Message, Refusal> {
    store.messages().delete(parent, root, id).await.unwrap()
}

/// A message by `author` that mentions `mentions`.
pub fn mentioning(author: UserId, body: &str, mentions: ResolvedMentions) -> NewMessage {
    NewMessage {
        mentions,
        ..text_by(author, body)
    }
}

/// A fixed moment, `seconds` after 2024-01-01T00:00:00Z: tests that check an order by time set
/// their times apart instead of hoping the clock moved between two calls.
pub fn at(seconds: i64) -> Timestamp {
    Timestamp(time::OffsetDateTime::from_unix_timestamp(1_704_067_200 + seconds).unwrap())
}

/// `n` new user ids.
pub fn users(n: usize) -> Vec<UserId> {
    (0..n).map(|_| UserId::new()).collect()
}

pub fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items
}

/// The raw item under `pk`/`sk`, read straight from the table (strongly consistent).
pub async fn raw_item(
    store: &Store,
    pk: &str,
    sk: &str,
) -> Option<HashMap<String, AttributeValue>> {
    store
        .client()
        .get_item()
        .table_name(store.table())
        .key(store::keys::PK, AttributeValue::S(pk.into()))
        .key(store::keys::SK, AttributeValue::S(sk.into()))
        .consistent_read(true)
        .send()
        .await
        .unwrap()
        .item
}

/// Deletes the raw item under `pk`/`sk`, as if another process had removed it.
pub async fn delete_raw_item(store: &Store, pk: &str, sk: &str) {
    store
        .client()
        .delete_item()
        .table_name(store.table())
        .key(store::keys::PK, AttributeValue::S(pk.into()))
        .key(store::keys::SK, AttributeValue::S(sk.into()))
        .send()
        .await
        .unwrap();
}

/// Overwrites one attribute of a raw item (to put times apart, see [`at`]).
pub async fn set_raw_attribute(
    store: &Store,
    pk: &str,
    sk: &str,
    name: &str,
    value: AttributeValue,
) {
    store
        .client()
        .update_item()
        .table_name(store.table())
        .key(store::keys::PK, AttributeValue::S(pk.into()))
        .key(store::keys::SK, AttributeValue::S(sk.into()))
        .update_expression("SET #a = :v")
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#a", name)
        .expression_attribute_names("#pk", store::keys::PK)
        .expression_attribute_values(":v", value)
        .send()
        .await
        .unwrap();
}

/// A timestamp as the table stores it (RFC 3339 text).
pub fn time_value(t: Timestamp) -> AttributeValue {
    serde_dynamo::to_attribute_value(t).unwrap()
}

#[tokio::test]
async fn ensure_table_is_a_no_op_the_second_time() {
    let store = fresh_store().await;
    assert_eq!(store.ensure_table().await.unwrap(), Ensured::AlreadyExisted);
    store.delete_table().await.unwrap();
}
