//! Opaque paging cursors: clients pass back what they were given and never parse it.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::MessageId;

use crate::items::{Item, s};

pub fn encode(id: MessageId) -> String {
    URL_SAFE_NO_PAD.encode(format!("m1:{id}"))
}

/// `None` when the text is not a cursor we issued.
pub fn decode(cursor: &str) -> Option<MessageId> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix("m1:")?.parse().ok()
}

/// A query's `LastEvaluatedKey` (string attributes only, which all our keys are) as a cursor.
pub(crate) fn encode_key(key: &Item) -> String {
    let strings: BTreeMap<&str, &str> = key
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.as_s().ok()?.as_str())))
        .collect();
    let json = serde_json::to_string(&strings).unwrap_or_default();
    URL_SAFE_NO_PAD.encode(format!("k1:{json}"))
}

/// The start key a cursor stands for. `None` unless it holds exactly the attributes `names`:
/// a forged cursor can only move the caller's own start within the same key range.
pub(crate) fn decode_key(cursor: &str, names: &[&str]) -> Option<Item> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let strings: BTreeMap<String, String> = serde_json::from_str(text.strip_prefix("k1:")?).ok()?;
    let expected = strings.len() == names.len() && names.iter().all(|n| strings.contains_key(*n));
    expected.then(|| strings.into_iter().map(|(k, v)| (k, s(v))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::items::key;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let id = MessageId::new();
        assert_eq!(decode(&encode(id)), Some(id));
        assert_eq!(decode("garbage!"), None);
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("m1:not-an-id")), None);
        assert_eq!(decode(&id.to_string()), None);
    }

    #[test]
    fn key_cursors_round_trip_and_must_have_the_expected_names() {
        let start = key("CHAN#1", "MEMBER#2");
        let cursor = encode_key(&start);
        assert_eq!(decode_key(&cursor, &["PK", "SK"]), Some(start));
        assert_eq!(decode_key(&cursor, &["PK", "SK", "GSI2PK"]), None);
        assert_eq!(decode_key("nonsense", &["PK", "SK"]), None);
        assert_eq!(decode_key(&encode(MessageId::new()), &["PK", "SK"]), None);
    }
}
