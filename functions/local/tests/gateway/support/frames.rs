//! What a test's sockets receive: the next frame or event (within `WAIT`), every frame already
//! on its way (the ping marker of `drain`), and assertions on them.

use std::time::Duration;

use domain::events::ServerEvent;
use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a test waits for something that must come.
pub const WAIT: Duration = Duration::from_secs(10);

/// Presence changes arrive when someone a socket watches connects or leaves, and notifications
/// with messages in conversations; tests of other events look past them (`presence` and
/// `notifications` test them).
const AMBIENT: [&str; 2] = ["presence.changed", "notification.new"];

fn ambient(text: &str) -> bool {
    AMBIENT.contains(&kind_of(text).as_str())
}

/// Sends `frame` (JSON) as a client does.
pub async fn send_frame(socket: &mut Socket, frame: Value) {
    socket.send(Frame::text(frame.to_string())).await.unwrap();
}

/// The next frame other than a presence change, parsed; fails the test after `WAIT`.
pub async fn next_frame(socket: &mut Socket) -> ServerEvent {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = next_text(socket, deadline)
            .await
            .expect("no frame within 10 s");
        if !ambient(&text) {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

/// The next text frame as sent, or `None` once `deadline` has passed.
pub async fn next_text(socket: &mut Socket, deadline: Instant) -> Option<String> {
    loop {
        let frame = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()?;
        match frame {
            Some(Ok(Frame::Text(text))) => return Some(text.to_string()),
            Some(Ok(Frame::Ping(_) | Frame::Pong(_))) => continue,
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

/// A frame's `type`.
pub fn kind_of(text: &str) -> String {
    let frame: Value = serde_json::from_str(text).unwrap();
    frame["type"].as_str().unwrap_or_default().to_string()
}

/// A frame as sent, parsed.
pub fn event(frame: &str) -> ServerEvent {
    serde_json::from_str(frame).unwrap()
}

pub async fn ping(socket: &mut Socket) -> ServerEvent {
    send_ping(socket).await;
    next_frame(socket).await
}

/// Fails the test unless the answer to a ping is a pong (nothing else was on its way).
pub async fn assert_pong(socket: &mut Socket) {
    let answer = ping(socket).await;
    assert!(
        matches!(answer, ServerEvent::Pong { .. }),
        "expected a pong, got {answer:?}"
    );
}

pub async fn send_ping(socket: &mut Socket) {
    socket
        .send(Frame::Text(r#"{"type":"ping"}"#.into()))
        .await
        .unwrap();
}

/// The next frame of type `kind` (`"message.new"`, `"sidebar.channel"`...), skipping frames of
/// other types; fails the test after `WAIT`, naming what came instead.
pub async fn next_event(socket: &mut Socket, kind: &str) -> ServerEvent {
    let deadline = Instant::now() + WAIT;
    let mut skipped = Vec::new();
    loop {
        let Some(text) = next_text(socket, deadline).await else {
            panic!("no {kind} within {WAIT:?}; got only {skipped:?}");
        };
        if kind_of(&text) == kind {
            return serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("a {kind} frame does not parse ({e}): {text}"));
        }
        skipped.push(text);
    }
}

/// The code of an error frame (`next_event(socket, "error")`, or the `next_frame` that must be
/// one).
pub fn error_code(event: ServerEvent) -> domain::ErrorCode {
    match event {
        ServerEvent::Error(e) => e.code,
        other => panic!("expected an error frame, got {other:?}"),
    }
}

/// Waits (at most `WAIT`) for the server to close `socket`, passing over frames still on their
/// way: the close code it sent, or `None` if it ended without a close frame. Fails the test if
/// the socket stays open.
pub async fn closed_by_server(socket: &mut Socket) -> Option<u16> {
    let deadline = Instant::now() + WAIT;
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => panic!("the socket was still open after {WAIT:?}"),
            Ok(Some(Ok(Frame::Close(frame)))) => return frame.map(|f| u16::from(f.code)),
            Ok(None | Some(Err(_))) => return None,
            Ok(Some(Ok(_))) => continue,
        }
    }
}

/// Every frame already on its way to this socket, as sent: sends a ping and collects what comes
/// before the pong. A fan-out has handed its frames to the connection before the REST call that
/// caused it answers, and the pong leaves through the same queue after them, so a frame that is
/// not here was never sent. Fails the test when no pong comes within `WAIT`.
pub async fn drain(socket: &mut Socket) -> Vec<String> {
    drain_within(socket, WAIT).await
}

pub async fn drain_within(socket: &mut Socket, within: Duration) -> Vec<String> {
    let mut frames = drain_all_within(socket, within).await;
    frames.retain(|f| !ambient(f));
    frames
}

/// `drain_within`, presence changes included.
pub async fn drain_all_within(socket: &mut Socket, within: Duration) -> Vec<String> {
    send_ping(socket).await;
    let deadline = Instant::now() + within;
    let mut frames = Vec::new();
    loop {
        let Some(text) = next_text(socket, deadline).await else {
            panic!("no pong within {within:?}; got {frames:?}");
        };
        if kind_of(&text) == "pong" {
            return frames;
        }
        frames.push(text);
    }
}

/// The frames on their way to `socket` (see `drain`), which must be of the types `expected`,
/// in that order.
pub async fn expect_frames(socket: &mut Socket, expected: &[&str]) -> Vec<String> {
    let frames = drain(socket).await;
    assert_eq!(kinds(&frames), expected, "{frames:?}");
    frames
}

/// Fails the test when any frame (presence and notifications aside) is on its way to one of
/// `sockets`.
pub async fn assert_quiet(sockets: &mut [&mut Socket]) {
    for socket in sockets.iter_mut() {
        let frames = drain(socket).await;
        assert!(frames.is_empty(), "{frames:?}");
    }
}

/// Drains every socket, so the next assertion starts from a quiet line.
pub async fn settle(sockets: &mut [&mut Socket]) {
    for socket in sockets.iter_mut() {
        drain(socket).await;
    }
}

/// Fails the test when a frame of type `kind` is on its way to this socket (the ping marker of
/// `drain`, whose pong must come within `within`). Returns the other frames that came first.
pub async fn assert_no_event(socket: &mut Socket, kind: &str, within: Duration) -> Vec<String> {
    let frames = drain_all_within(socket, within).await;
    let unwanted: Vec<&String> = frames.iter().filter(|f| kind_of(f) == kind).collect();
    assert!(unwanted.is_empty(), "unexpected {kind}: {unwanted:?}");
    frames
}

/// Fails the test when any frame on its way to this socket mentions one of `needles` (an id, a
/// name): for people who must not learn that something exists.
pub async fn assert_nothing_about(socket: &mut Socket, needles: &[&str]) {
    for frame in drain(socket).await {
        for needle in needles {
            assert!(
                !frame.contains(needle),
                "a frame mentions {needle}: {frame}"
            );
        }
    }
}

/// The types of frames, in order.
pub fn kinds(frames: &[String]) -> Vec<String> {
    frames.iter().map(|f| kind_of(f)).collect()
}
