//! Filling a table of its own: people, channels, memberships and messages through the store
//! (as sends write them), then the index as the stream consumer writes it, record by record.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use api::AppState;
use aws_sdk_dynamodb::types::AttributeValue;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::message::MessageBody;
use domain::user::{Role, User};
use domain::{ChannelId, MessageId, Parent, Timestamp, UserId};
use futures::{StreamExt, TryStreamExt};
use store::messages::{Content, NewMessage};
use store::search::ItemChange;

use crate::corpus::Corpus;
use crate::progress;

pub const AUTHORS: usize = 10;
const AT_ONCE: usize = 32;

/// Who and where.
pub struct World {
    pub authors: Vec<User>,
    /// In every channel.
    pub wide: User,
    /// In the first ten.
    pub narrow: User,
    pub channels: Vec<ChannelId>,
}

fn person(name: &str, role: Role) -> User {
    store::users::new_user(&format!("{name}@bench.example"), name.to_string(), role)
}

pub async fn people_and_channels(state: &AppState, channels: usize) -> Result<World, String> {
    let store = &state.store;
    let authors: Vec<User> = (0..AUTHORS)
        .map(|i| person(&format!("author{i}"), Role::Member))
        .collect();
    let wide = person("wide", Role::Member);
    let narrow = person("narrow", Role::Member);
    for user in authors.iter().chain([&wide, &narrow]) {
        store
            .users()
            .create(user, None, false)
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("{e:?}"))?;
    }
    let mut ids = Vec::new();
    for n in 0..channels {
        let channel = Channel {
            id: ChannelId::new(),
            name: format!("room-{n}"),
            slug: format!("room-{n}"),
            description: String::new(),
            kind: ChannelType::Public,
            created_by: authors[0].id,
            archived: false,
            created_at: Timestamp::now(),
            last_seq: 0,
            last_message_at: None,
        };
        store
            .channels()
            .create(&channel, authors[0].id)
            .await
            .map_err(|e| e.to_string())?;
        let mut members: Vec<UserId> = authors[1..].iter().map(|u| u.id).collect();
        members.push(wide.id);
        if n < 10 {
            members.push(narrow.id);
        }
        for user in members {
            store
                .channels()
                .add_member(channel.id, user, ChannelRole::Member)
                .await
                .map_err(|e| e.to_string())?;
        }
        ids.push(channel.id);
    }
    Ok(World {
        authors,
        wide,
        narrow,
        channels: ids,
    })
}

/// A message sent, kept to draw queries from: its text and author.
pub struct Sample {
    pub body: String,
    pub author: usize,
}

/// Sends `count` messages spread over the channels, `AT_ONCE` at a time.
pub async fn messages(
    state: &AppState,
    world: &World,
    corpus: &mut Corpus,
    count: usize,
) -> Result<Vec<Sample>, String> {
    let started = Instant::now();
    let mut samples = Vec::new();
    let jobs: Vec<(Parent, UserId, String)> = (0..count)
        .map(|i| {
            let parent = Parent::Channel(world.channels[i % world.channels.len()]);
            let author = corpus.pick(AUTHORS);
            let body = corpus.message();
            if i.is_multiple_of(100) {
                samples.push(Sample {
                    body: body.clone(),
                    author,
                });
            }
            (parent, world.authors[author].id, body)
        })
        .collect();
    let sent = AtomicU64::new(0);
    futures::stream::iter(jobs)
        .map(|(parent, author, body)| {
            let sent = &sent;
            async move {
                let message = NewMessage {
                    id: MessageId::new(),
                    author,
                    content: Content::Text(MessageBody::parse(&body).map_err(|e| e.message)?),
                    client_nonce: None,
                    mentions: Default::default(),
                };
                state
                    .store
                    .messages()
                    .append(parent, message)
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|refused| format!("the message was not sent: {refused:?}"))?;
                let n = sent.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_multiple_of(5000) {
                    progress(&format!(
                        "sent {n} of {count} messages ({:.0}/s)",
                        n as f64 / started.elapsed().as_secs_f64()
                    ));
                }
                Ok::<_, String>(())
            }
        })
        .buffer_unordered(AT_ONCE)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(samples)
}

/// Every item of partition `pk` (whose SK begins with `prefix`), page after page.
pub async fn partition(
    state: &AppState,
    pk: String,
    prefix: &str,
) -> Result<Vec<HashMap<String, AttributeValue>>, String> {
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let mut query = state
            .store
            .client()
            .query()
            .table_name(state.store.table())
            .expression_attribute_names("#pk", store::keys::PK)
            .expression_attribute_values(":pk", AttributeValue::S(pk.clone()));
        query = if prefix.is_empty() {
            query.key_condition_expression("#pk = :pk")
        } else {
            query
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#sk", store::keys::SK)
                .expression_attribute_values(":prefix", AttributeValue::S(prefix.to_string()))
        };
        let page = query
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| format!("{e:?}"))?;
        items.extend(page.items.unwrap_or_default());
        start = page.last_evaluated_key;
        if start.is_none() {
            return Ok(items);
        }
    }
}

/// Indexes every message as its stream record would (an insert each), channel by channel.
pub async fn index(state: &AppState, world: &World) -> Result<u64, String> {
    let settings = state
        .store
        .workspace()
        .settings()
        .await
        .map_err(|e| e.to_string())?;
    let analyzer = search::Analyzer::new(settings.search_language);
    let index = state.store.search_index();
    let started = Instant::now();
    let sequence = AtomicU64::new(1_000_000_000);
    let mut done = 0u64;
    for (n, channel) in world.channels.iter().enumerate() {
        let rows = partition(
            state,
            store::keys::channel(*channel),
            store::keys::MSG_PREFIX,
        )
        .await?;
        done += rows.len() as u64;
        futures::stream::iter(rows)
            .map(|row| {
                let analyzer = &analyzer;
                let sequence = &sequence;
                async move {
                    let keys = [store::keys::PK, store::keys::SK]
                        .into_iter()
                        .filter_map(|k| row.get(k).map(|v| (k.to_string(), v.clone())))
                        .collect();
                    let change = ItemChange {
                        keys,
                        old: None,
                        new: Some(row),
                        sequence: sequence.fetch_add(1, Ordering::Relaxed).to_string(),
                    };
                    index
                        .apply(analyzer, &change)
                        .await
                        .map_err(|e| e.to_string())
                }
            })
            .buffer_unordered(AT_ONCE)
            .try_collect::<Vec<()>>()
            .await?;
        if (n + 1).is_multiple_of(5) {
            progress(&format!(
                "indexed {done} messages ({:.0}/s)",
                done as f64 / started.elapsed().as_secs_f64()
            ));
        }
    }
    Ok(done)
}
