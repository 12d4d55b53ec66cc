//! What the storm's screens show: each socket opened and subscribed as the web app does, the
//! statuses it keeps from the answer and every change heard, and who the server shows online.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use domain::UserId;
use futures::stream::{SplitSink, SplitStream};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message as Frame;

use crate::support::{Socket, json_of, open_socket};

/// What one screen shows: the status of each person it watches, as its client would keep it
/// (the subscription's answer, then every change heard).
pub type Shown = Arc<Mutex<HashMap<UserId, String>>>;

/// Applies a presence frame to what a screen shows; `true` when it was one.
fn apply(shown: &Shown, text: &str) -> bool {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let Ok(mut shown) = shown.lock() else {
        return false;
    };
    match frame["type"].as_str() {
        Some("presence.changed") => {
            if let (Some(Ok(id)), Some(status)) = (
                frame["data"]["userID"].as_str().map(str::parse),
                frame["data"]["status"].as_str(),
            ) {
                shown.insert(id, status.to_string());
            }
            true
        }
        _ => false,
    }
}

/// Opens a socket and subscribes it to `watch`; returns its halves and what it shows, once the
/// subscription is answered. Changes heard before the answer win over it, as in the web app.
pub async fn open_and_watch(
    http: &reqwest::Client,
    base: &str,
    origin: &str,
    token: &str,
    watch: &[UserId],
    frames: &AtomicU64,
) -> Result<(SplitSink<Socket, Frame>, SplitStream<Socket>, Shown), String> {
    let mut socket = open_socket(http, base, origin, token).await?;
    let frame = json!({"type": "presence.subscribe", "userIDs": watch, "version": 1});
    socket
        .send(Frame::Text(frame.to_string().into()))
        .await
        .map_err(|e| e.to_string())?;
    let shown = Shown::default();
    loop {
        let Some(frame) = socket.next().await else {
            return Err("the socket closed before its subscription was answered".into());
        };
        let Frame::Text(text) = frame.map_err(|e| e.to_string())? else {
            continue;
        };
        if apply(&shown, &text) {
            frames.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        let answer: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        if answer["type"] != "presence.subscribed" {
            continue;
        }
        let mut screen = shown.lock().map_err(|_| "poisoned")?;
        for presence in answer["data"]["statuses"].as_array().into_iter().flatten() {
            if let (Some(Ok(id)), Some(status)) = (
                presence["userID"].as_str().map(str::parse::<UserId>),
                presence["status"].as_str(),
            ) {
                screen.entry(id).or_insert_with(|| status.to_string());
            }
        }
        break;
    }
    let (sink, stream) = socket.split();
    Ok((sink, stream, shown))
}

/// Reads a socket until it closes, keeping its screen and counting presence frames.
pub fn listen(mut stream: SplitStream<Socket>, shown: Shown, frames: Arc<AtomicU64>) {
    tokio::spawn(async move {
        while let Some(Ok(frame)) = stream.next().await {
            if let Frame::Text(text) = frame
                && apply(&shown, &text)
            {
                frames.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
}

/// Who the server shows online or away, of `users` (asked 100 at a time as `token`).
pub async fn shown_by_server(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    users: &[UserId],
) -> Result<usize, String> {
    let mut connected = 0;
    for batch in users.chunks(domain::limits::USERS_BATCH_MAX) {
        let ids: Vec<String> = batch.iter().map(ToString::to_string).collect();
        let url = format!("{base}/api/v1/presence?ids={}", ids.join(","));
        let answer = json_of(http.get(url).bearer_auth(token)).await?;
        connected += answer
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["status"] != "offline")
            .count();
    }
    Ok(connected)
}

/// How many (screen, person) pairs show `users` other than `status`.
pub fn shown_otherwise(screens: &[Shown], users: &HashSet<UserId>, status: &str) -> usize {
    screens
        .iter()
        .filter_map(|s| s.lock().ok())
        .map(|s| {
            s.iter()
                .filter(|(id, st)| users.contains(id) && st.as_str() != status)
                .count()
        })
        .sum()
}
