//! What one plain message costs: DynamoDB calls (counted by an SDK interceptor on the store's
//! own client), Redis round trips (counted by the Redis handle), and PostToConnection calls
//! (one frame per live connection of a member). Prints the figures; holds the bounds.

use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::BeforeSerializationInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept};
use aws_sdk_dynamodb::error::BoxError;
use aws_sdk_dynamodb::operation::{
    batch_get_item::BatchGetItemInput, delete_item::DeleteItemInput, get_item::GetItemInput,
    put_item::PutItemInput, query::QueryInput, transact_write_items::TransactWriteItemsInput,
    update_item::UpdateItemInput,
};
use serde_json::json;

use crate::{ChannelId, ServerEvent, next_event, spawn_gateway_with};

/// The DynamoDB operations a client made, by name.
#[derive(Debug, Clone, Default)]
struct Calls(Arc<Mutex<Vec<&'static str>>>);

impl Calls {
    fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl Intercept for Calls {
    fn name(&self) -> &'static str {
        "count-dynamodb-calls"
    }

    fn read_before_execution(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let input = context.input();
        let name = if input.downcast_ref::<GetItemInput>().is_some() {
            "GetItem"
        } else if input.downcast_ref::<QueryInput>().is_some() {
            "Query"
        } else if input.downcast_ref::<BatchGetItemInput>().is_some() {
            "BatchGetItem"
        } else if input.downcast_ref::<PutItemInput>().is_some() {
            "PutItem"
        } else if input.downcast_ref::<UpdateItemInput>().is_some() {
            "UpdateItem"
        } else if input.downcast_ref::<DeleteItemInput>().is_some() {
            "DeleteItem"
        } else if input.downcast_ref::<TransactWriteItemsInput>().is_some() {
            "TransactWriteItems"
        } else {
            "other"
        };
        self.0.lock().unwrap().push(name);
        Ok(())
    }
}

fn is_read(op: &str) -> bool {
    matches!(op, "GetItem" | "Query" | "BatchGetItem")
}

#[tokio::test]
async fn a_plain_message_costs_two_writes_one_read_and_one_post_per_connection_once_members_are_cached()
 {
    let calls = Calls::default();
    let counting = calls.clone();
    let gw = spawn_gateway_with(move |mut app| {
        let conf = app
            .store
            .client()
            .config()
            .to_builder()
            .interceptor(counting)
            .build();
        let table = app.store.table().to_string();
        app.store = store::Store::new(aws_sdk_dynamodb::Client::from_conf(conf), table);
        app
    })
    .await;
    let (_alice, alice_token) = gw.user("alice").await;
    let (_bob, bob_token) = gw.user("bob").await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut bob_phone = gw.connect(&bob_token).await;
    let mut bob_laptop = gw.connect(&bob_token).await;
    let place = format!("/api/v1/channels/{}/messages", ChannelId::GENERAL);

    let mut rows = Vec::new();
    // The first send finds no cached member list (read from the table, then cached); the
    // others find it.
    for (i, nonce) in [None, None, Some("cost-nonce-1")].into_iter().enumerate() {
        calls.take();
        let redis_before = gw.app.redis.round_trips();
        let mut body = json!({"body": format!("plain message {i}")});
        if let Some(nonce) = nonce {
            body["clientNonce"] = json!(nonce);
        }
        let (status, sent) = gw.post(&alice_token, &place, body).await;
        assert_eq!(status, 201, "{sent}");
        let mut delivered = 0;
        for socket in [&mut alice_socket, &mut bob_phone, &mut bob_laptop] {
            match next_event(socket, "message.new").await {
                ServerEvent::MessageNew(m) if m.id.to_string() == sent["id"] => delivered += 1,
                other => panic!("unexpected {other:?}"),
            }
        }
        let ops = calls.take();
        let reads = ops.iter().filter(|op| is_read(op)).count();
        let writes = ops.len() - reads;
        let redis = gw.app.redis.round_trips() - redis_before;
        println!(
            "cost of a plain send ({}, {}): DynamoDB {reads} reads + {writes} writes {ops:?}; \
             Redis {redis} round trips; PostToConnection {delivered} (3 live connections)",
            if i == 0 {
                "members not cached"
            } else {
                "members cached"
            },
            if nonce.is_some() {
                "with a client nonce"
            } else {
                "without a nonce"
            },
        );
        rows.push((i == 0, reads, writes, redis, delivered));
    }
    for (cold, reads, writes, redis, delivered) in rows {
        assert!(writes <= 2, "{writes} DynamoDB writes");
        // The membership check; a cold cache adds the members version and one Query.
        let most = if cold { 3 } else { 1 };
        assert!(reads <= most, "{reads} DynamoDB reads");
        // One of them is the per-person send rate limit (`ratelimit::Limit::MessageSendPerUser`).
        assert!(redis <= 4, "{redis} Redis round trips");
        assert_eq!(delivered, 3, "one post per live connection");
    }
}

/// Redis round trips of one `@all` into a channel of `members` people (all connected), and how
/// many of them got the notification.
async fn at_all_costs(members: usize) -> (u64, usize) {
    let gw = crate::spawn_gateway().await;
    let mut people = Vec::new();
    for i in 0..members {
        people.push(gw.user(&format!("member{i}")).await);
    }
    let ids: Vec<domain::UserId> = people.iter().map(|(u, _)| u.id).collect();
    let room = gw.channel("room", &ids).await;
    let mut sockets = Vec::new();
    for (_, token) in &people[1..] {
        sockets.push(gw.connect(token).await);
    }
    let before = gw.app.redis.round_trips();
    let (status, _) = gw
        .post(
            &people[0].1,
            &format!("/api/v1/channels/{}/messages", room.id),
            json!({"body": "@all standup in 5"}),
        )
        .await;
    assert_eq!(status, 201);
    let redis = gw.app.redis.round_trips() - before;
    let mut notified = 0;
    for socket in &mut sockets {
        if let ServerEvent::NotificationNew(n) = next_event(socket, "notification.new").await {
            assert_eq!(n.kind, domain::notifications::NotificationKind::Mention);
            notified += 1;
        }
    }
    (redis, notified)
}

#[tokio::test]
async fn an_at_all_notifies_everyone_in_as_many_redis_round_trips_however_many_they_are() {
    let (small, small_notified) = at_all_costs(3).await;
    let (large, large_notified) = at_all_costs(12).await;
    println!("an @all costs {small} Redis round trips into 3 members, {large} into 12");
    assert_eq!((small_notified, large_notified), (2, 11));
    assert_eq!(
        small, large,
        "notifications are fanned out per kind, not per person"
    );
}
