//! Opaque paging cursors: clients pass back what they were given and never parse it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::MessageId;

pub fn encode(id: MessageId) -> String {
    URL_SAFE_NO_PAD.encode(format!("m1:{id}"))
}

/// `None` when the text is not a cursor we issued.
pub fn decode(cursor: &str) -> Option<MessageId> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix("m1:")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let id = MessageId::new();
        assert_eq!(decode(&encode(id)), Some(id));
        assert_eq!(decode("garbage!"), None);
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("m1:not-an-id")), None);
        assert_eq!(decode(&id.to_string()), None);
    }
}
