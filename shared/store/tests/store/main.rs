//! The store against a real DynamoDB Local, a fresh table per test. One binary, one module per
//! concept; the helpers every module shares live here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod admin;
mod around;
mod channels;
mod conversations;
mod drafts;
mod edits;
mod features;
mod handles;
mod mention_counts;
mod messages;
mod pins;
mod profiles;
mod reactions;
mod revocations;
mod sessions;
mod sidebar;
mod threads;
mod users;

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use domain::channel::{Channel, ChannelType};
use domain::{ChannelId, Timestamp, UserId};
use store::Store;
use store::messages::NewMessage;
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

/// A plain message by someone.
pub fn text(body: &str) -> NewMessage {
    NewMessage {
        id: domain::MessageId::new(),
        author: UserId::new(),
        body: body.into(),
        client_nonce: None,
        mentions: Default::default(),
        system: None,
    }
}

/// A plain message by `author`.
pub fn text_by(author: UserId, body: &str) -> NewMessage {
    NewMessage {
        author,
        ..text(body)
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
