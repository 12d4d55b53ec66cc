//! DynamoDB Local's streams API writes an empty map attribute (`{"M": {}}`, such as a message's
//! `reactions` before anyone reacts) as `{}`, at any depth. The SDK refuses the whole GetRecords
//! answer then ("Union did not contain a valid variant"), so the reader would never get past the
//! first message. The streams client for DynamoDB Local gets an HTTP client that writes those
//! values back as the empty maps they are; AWS's answers never need it.

use aws_sdk_dynamodbstreams::config::{HttpClient, SharedHttpClient};
use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;
use serde_json::{Value, json};

/// `inner`, with empty maps in stream records repaired.
pub fn repairing(inner: SharedHttpClient) -> SharedHttpClient {
    SharedHttpClient::new(Repairing(inner))
}

#[derive(Debug)]
struct Repairing(SharedHttpClient);

impl HttpClient for Repairing {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(RepairingConnector(
            self.0.http_connector(settings, components),
        ))
    }
}

#[derive(Debug)]
struct RepairingConnector(SharedHttpConnector);

impl HttpConnector for RepairingConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let answer = self.0.call(request);
        HttpConnectorFuture::new(async move {
            let mut response = answer.await?;
            let body = ByteStream::new(response.take_body())
                .collect()
                .await
                .map_err(|e| ConnectorError::io(e.into()))?
                .into_bytes();
            match repair(&body) {
                Some(repaired) => {
                    let headers = response.headers_mut();
                    headers.insert("content-length", repaired.len().to_string());
                    // A checksum of the body as it was sent.
                    headers.remove("x-amz-crc32");
                    *response.body_mut() = SdkBody::from(repaired);
                }
                None => *response.body_mut() = SdkBody::from(body),
            }
            Ok(response)
        })
    }
}

/// The GetRecords answer `body` with its empty maps written as such; `None` when it has none
/// (or is no GetRecords answer).
fn repair(body: &[u8]) -> Option<Vec<u8>> {
    let mut answer: Value = serde_json::from_slice(body).ok()?;
    let records = answer.get_mut("Records")?.as_array_mut()?;
    let mut repaired = false;
    for change in records.iter_mut().filter_map(|r| r.get_mut("dynamodb")) {
        for part in ["Keys", "NewImage", "OldImage"] {
            if let Some(Value::Object(item)) = change.get_mut(part) {
                for value in item.values_mut() {
                    repaired |= repair_value(value);
                }
            }
        }
    }
    repaired.then(|| serde_json::to_vec(&answer).ok()).flatten()
}

/// An attribute value always names its one type: `{}` can only be the empty map.
fn repair_value(value: &mut Value) -> bool {
    let Value::Object(typed) = value else {
        return false;
    };
    if typed.is_empty() {
        *value = json!({ "M": {} });
        return true;
    }
    let mut repaired = false;
    if let Some(Value::Object(map)) = typed.get_mut("M") {
        for v in map.values_mut() {
            repaired |= repair_value(v);
        }
    }
    if let Some(Value::Array(list)) = typed.get_mut("L") {
        for v in list {
            repaired |= repair_value(v);
        }
    }
    repaired
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// What DynamoDB Local answered for an item with empty maps at three depths.
    const LOCAL: &str = r#"{"Records":[{"eventID":"e","eventName":"INSERT","dynamodb":{"Keys":{"PK":{"S":"a"}},"NewImage":{"PK":{"S":"a"},"l":{"L":[]},"m":{},"nm":{"M":{"x":{},"y":{"L":[{}]}}}},"SequenceNumber":"52","SizeBytes":44,"StreamViewType":"NEW_AND_OLD_IMAGES"}}],"NextShardIterator":"it"}"#;

    #[test]
    fn empty_maps_are_written_back_at_every_depth_and_nothing_else_changes() {
        let repaired: Value = serde_json::from_slice(&repair(LOCAL.as_bytes()).unwrap()).unwrap();
        let mut expected: Value = serde_json::from_str(LOCAL).unwrap();
        expected["Records"][0]["dynamodb"]["NewImage"] = json!({
            "PK": {"S": "a"},
            "l": {"L": []},
            "m": {"M": {}},
            "nm": {"M": {"x": {"M": {}}, "y": {"L": [{"M": {}}]}}},
        });
        assert_eq!(repaired, expected);
    }

    #[test]
    fn answers_without_empty_maps_are_left_as_they_are() {
        let sound =
            r#"{"Records":[{"dynamodb":{"Keys":{"PK":{"S":"a"}},"NewImage":{"m":{"M":{}}}}}]}"#;
        assert_eq!(repair(sound.as_bytes()), None);
        assert_eq!(repair(br#"{"ShardIterator":"it"}"#), None);
        assert_eq!(repair(b"not json"), None);
    }
}
