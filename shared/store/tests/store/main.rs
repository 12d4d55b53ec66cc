//! The store against a real DynamoDB Local, a fresh table per test. One binary, one module per
//! concept; the helpers every module shares live here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod channels;
mod messages;
mod users;

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
        system: None,
    }
}

#[tokio::test]
async fn ensure_table_is_a_no_op_the_second_time() {
    let store = fresh_store().await;
    assert_eq!(store.ensure_table().await.unwrap(), Ensured::AlreadyExisted);
    store.delete_table().await.unwrap();
}
