//! The sockets this gateway holds, by API Gateway-style connection id.

use std::collections::HashMap;
use std::sync::Mutex;

use time::OffsetDateTime;
use tokio::sync::mpsc;

/// Why the gateway closes a socket, each with the close code API Gateway sends for it, so a
/// client meets the same codes here as in AWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// `DELETE @connections/{id}`: the server ends it, normally.
    Deleted,
    /// No frame for the idle timeout.
    Idle,
    /// A binary frame: API Gateway takes text only.
    Binary,
    /// A frame over 32 KB, or a message over 128 KB.
    TooBig,
}

impl Closing {
    pub fn code(self) -> u16 {
        match self {
            Self::Deleted => 1000,
            Self::Idle => 1001,
            Self::Binary => 1003,
            Self::TooBig => 1009,
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Self::Deleted => "closed by the server",
            Self::Idle => "Going away",
            Self::Binary => "Binary frames are not supported",
            Self::TooBig => "Message too big",
        }
    }
}

/// What the gateway may push down a socket.
#[derive(Debug)]
pub enum Outgoing {
    Text(String),
    /// A close frame with the code API Gateway sends for this reason; the socket ends.
    Close(Closing),
}

#[derive(Debug, Clone)]
pub struct ConnectionInfo {
    pub connected_at: OffsetDateTime,
    pub last_active_at: OffsetDateTime,
    pub source_ip: String,
    pub user_agent: String,
}

struct Entry {
    tx: mpsc::UnboundedSender<Outgoing>,
    info: ConnectionInfo,
}

#[derive(Default)]
pub struct Connections {
    open: Mutex<HashMap<String, Entry>>,
}

impl Connections {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic while holding the lock cannot leave the map inconsistent: use it anyway.
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn insert(&self, id: &str, tx: mpsc::UnboundedSender<Outgoing>, info: ConnectionInfo) {
        self.lock().insert(id.to_string(), Entry { tx, info });
    }

    pub fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    pub fn touch(&self, id: &str) {
        if let Some(entry) = self.lock().get_mut(id) {
            entry.info.last_active_at = OffsetDateTime::now_utc();
        }
    }

    /// Queues a frame; `false` when the connection is unknown (API Gateway answers 410).
    pub fn send(&self, id: &str, frame: Outgoing) -> bool {
        self.lock()
            .get(id)
            .is_some_and(|entry| entry.tx.send(frame).is_ok())
    }

    pub fn info(&self, id: &str) -> Option<ConnectionInfo> {
        self.lock().get(id).map(|entry| entry.info.clone())
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An id shaped like API Gateway's (base64 with padding, so clients must URL-encode it).
pub fn new_connection_id() -> String {
    use base64::Engine;
    let bytes: [u8; 10] = rand::random();
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
