//! The table's stream reaches the search-index handler as Lambda's event source mapping hands
//! it over in AWS: every change of a message or a thread reply, in order, and nothing else
//! (the template's filter).

use domain::message::Message;
use local::{Handed, HandedOver};
use store::keys;

use super::*;

/// How long a write may take to reach the handler: the reader looks every 250 ms.
const WITHIN: Duration = Duration::from_secs(10);

/// Waits for the record of `sk` with `event_name`, and holds that every record handed over on
/// the way is a message or reply row of `pk`.
async fn handed(handed: &mut HandedOver, pk: &str, sk: &str, event_name: &str) -> Handed {
    let mut others = Vec::new();
    let found = handed
        .until(WITHIN, |h| {
            if h.sk == sk && h.event_name == event_name {
                return true;
            }
            others.push(h.clone());
            false
        })
        .await
        .unwrap_or_else(|e| panic!("{event_name} of {sk}: {e}"));
    for other in others.iter().chain([&found]) {
        assert_eq!(other.pk, pk, "{other:?}");
        assert!(
            other.sk.starts_with(keys::MSG_PREFIX) || other.sk.starts_with(keys::REPLY_PREFIX),
            "a row the filter keeps out was handed over: {other:?}"
        );
        assert!(!other.dead_lettered, "{other:?}");
    }
    found
}

#[tokio::test]
async fn messages_edits_and_replies_reach_the_search_index_handler_and_nothing_else() {
    let gw = spawn_gateway().await;
    // Before any write: accounts, the channel and its members must not be handed over.
    let mut stream = gw.table_stream.subscribe();
    let (ann, ann_token) = gw.user("ann").await;
    let channel = gw.channel("crew", &[ann.id]).await;
    let place = channel_path(channel.id);
    let pk = keys::channel(channel.id);

    let root = say(&gw, &ann_token, &place, "the quarterly plan").await;
    let root_sk = keys::message(root.id);
    let inserted = handed(&mut stream, &pk, &root_sk, "INSERT").await;

    let (status, body) = gw
        .patch(
            &ann_token,
            &format!("{place}/messages/{}", root.id),
            json!({"body": "the yearly plan"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let edited = handed(&mut stream, &pk, &root_sk, "MODIFY").await;

    let reply: Message = post_message(
        &gw,
        &ann_token,
        &place,
        json!({"body": "on it", "threadRootID": root.id}),
    )
    .await;
    let reply_sk = keys::reply(root.id, reply.id);
    let reply_inserted = handed(&mut stream, &pk, &reply_sk, "INSERT").await;

    // One shard locally, read in order (DynamoDB Local pads its sequence numbers to one width).
    assert!(inserted.shard == edited.shard && edited.shard == reply_inserted.shard);
    assert!(inserted.sequence < edited.sequence && edited.sequence < reply_inserted.sequence);
}
