//! Seeds one public channel with many messages straight through the store, as sends write them,
//! for `make bench-scroll` (scripts/bench-scroll.sh): MESSAGES (10000) messages by AUTHORS (5)
//! people, some long, some with Markdown, a few over several lines. Prints the channel's slug on
//! stdout (progress goes to stderr). Needs the stack's environment (`.stack/NAME/env`).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use config::Config;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::message::MessageBody;
use domain::user::{Role, User};
use domain::{ChannelId, MessageId, Parent, Timestamp};
use futures::{StreamExt, TryStreamExt};
use store::messages::{Content, NewMessage};

/// Appends in flight at once.
const AT_ONCE: usize = 32;

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `n`th message's text: lengths and shapes vary as a real channel's do.
fn body(n: usize) -> String {
    const WORDS: &[&str] = &[
        "release", "deploy", "review", "the", "build", "is", "green", "again", "after", "lunch",
        "can", "someone", "look", "at", "this", "ticket", "today", "thanks", "shipping", "soon",
    ];
    let length = 3 + (n * 7919) % 40;
    let text: Vec<&str> = (0..length)
        .map(|i| WORDS[(n + i * 31) % WORDS.len()])
        .collect();
    let text = text.join(" ");
    match n % 10 {
        0 => format!("Message {n}: **{text}**\n- first point\n- second point"),
        3 => format!("Message {n}: `{text}`"),
        7 => format!("Message {n}: {text}\n\n{text}"),
        _ => format!("Message {n}: {text}"),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(slug) => {
            println!("{slug}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seed-messages: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<String, String> {
    let count = knob("MESSAGES", 10_000);
    let authors = knob("AUTHORS", 5).max(1);
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let state = api::AppState::new(config)
        .await
        .map_err(|e| e.to_string())?;
    let store = &state.store;
    let run = ulid::Ulid::new().to_string().to_lowercase();
    let tag = &run[run.len() - 6..];
    let people: Vec<User> = (0..authors)
        .map(|i| {
            store::users::new_user(
                &format!("author{i}-{tag}@bench.example"),
                format!("Author {i}"),
                Role::Member,
            )
        })
        .collect();
    for user in &people {
        store
            .users()
            .create(user, None, false)
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| format!("{e:?}"))?;
    }
    let slug = format!("scroll-{tag}");
    let channel = Channel {
        id: ChannelId::new(),
        name: slug.clone(),
        slug: slug.clone(),
        description: "Seeded for the scroll benchmark".into(),
        kind: ChannelType::Public,
        created_by: people[0].id,
        archived: false,
        created_at: Timestamp::now(),
        last_seq: 0,
        last_message_at: None,
    };
    store
        .channels()
        .create(&channel, people[0].id)
        .await
        .map_err(|e| e.to_string())?;
    for user in &people[1..] {
        store
            .channels()
            .add_member(channel.id, user.id, ChannelRole::Member)
            .await
            .map_err(|e| e.to_string())?;
    }
    let parent = Parent::Channel(channel.id);
    let sent = AtomicUsize::new(0);
    let name = slug.as_str();
    // Runs of a few messages by one person, as people write.
    let jobs: Vec<(usize, User)> = (0..count)
        .map(|n| (n, people[(n / 3) % people.len()].clone()))
        .collect();
    futures::stream::iter(jobs)
        .map(|(n, author)| {
            let sent = &sent;
            async move {
                let message = NewMessage {
                    id: MessageId::new(),
                    author: author.id,
                    content: Content::Text(MessageBody::parse(&body(n)).map_err(|e| e.message)?),
                    client_nonce: None,
                    mentions: Default::default(),
                };
                store
                    .messages()
                    .append(parent, message)
                    .await
                    .map_err(|e| e.to_string())?
                    .map_err(|refused| format!("not sent: {refused:?}"))?;
                let done = sent.fetch_add(1, Ordering::Relaxed) + 1;
                if done.is_multiple_of(1000) {
                    eprintln!("seeded {done} of {count} messages in #{name}");
                }
                Ok::<_, String>(())
            }
        })
        .buffer_unordered(AT_ONCE)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(slug)
}
