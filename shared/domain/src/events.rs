//! Realtime frames: what the server pushes and what a client may send. One JSON object per text
//! frame, `{"type": "...", "data": {...}}`.

use serde::{Deserialize, Serialize};

use crate::api::ErrorBody;
use crate::message::Message;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(tag = "type", content = "data")]
pub enum ServerEvent {
    #[serde(rename = "message.new")]
    MessageNew(Message),
    #[serde(rename = "pong")]
    Pong {
        #[ts(type = "number")]
        ts: i64,
    },
    #[serde(rename = "error")]
    Error(ErrorBody),
}

impl ServerEvent {
    pub fn error(code: &str, message: &str) -> Self {
        Self::Error(ErrorBody {
            code: code.to_string(),
            message: message.to_string(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(tag = "type")]
pub enum ClientFrame {
    #[serde(rename = "ping")]
    Ping,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_tagged_with_type_and_data() {
        let json = serde_json::to_value(ServerEvent::Pong { ts: 5 }).unwrap();
        assert_eq!(json, serde_json::json!({"type": "pong", "data": {"ts": 5}}));
    }

    #[test]
    fn client_frames_parse() {
        let frame: ClientFrame = serde_json::from_str(r#"{"type":"ping"}"#).unwrap();
        assert_eq!(frame, ClientFrame::Ping);
        assert!(serde_json::from_str::<ClientFrame>(r#"{"type":"nope"}"#).is_err());
    }
}
