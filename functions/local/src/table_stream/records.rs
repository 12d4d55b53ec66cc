//! Stream records as Lambda hands them to a function: the streams API's `Record` turned into
//! `aws_lambda_events`' `EventRecord`, and the filter the template's `FilterCriteria` applies
//! before the search-index function is invoked.

use std::collections::HashMap;

use aws_lambda_events::event::dynamodb::{EventRecord, StreamRecord, StreamViewType, UserIdentity};
use aws_sdk_dynamodbstreams::types::{self as streams, AttributeValue};
use serde_dynamo::AttributeValue as Value;
use store::keys;

/// The sort-key prefixes of the rows the search index reads: messages and thread replies.
/// The template's `FilterCriteria` for `SearchIndexFunction` names the same two.
pub const INDEXED: [&str; 2] = [keys::MSG_PREFIX, keys::REPLY_PREFIX];

/// What Lambda puts in `eventSource` for a DynamoDB stream.
const EVENT_SOURCE: &str = "aws:dynamodb";

/// Whether the template's filter lets `record` through: its SK begins with one of [`INDEXED`].
pub fn wanted(record: &streams::Record) -> bool {
    record
        .dynamodb()
        .and_then(streams::StreamRecord::keys)
        .and_then(|keys| keys.get(keys::SK))
        .and_then(|sk| sk.as_s().ok())
        .is_some_and(|sk| INDEXED.iter().any(|prefix| sk.starts_with(prefix)))
}

/// Lambda's form of `record`, read from the stream `stream_arn` of a table in `region`. `None`
/// for a record without what every stream record has (its id, kind, keys and sequence number)
/// or with a value of a type this SDK does not know.
pub fn event_record(
    record: &streams::Record,
    stream_arn: &str,
    region: &str,
) -> Option<EventRecord> {
    let change = record.dynamodb()?;
    let mut stream_record = StreamRecord::default();
    stream_record.keys = item(Some(change.keys()?))?;
    stream_record.new_image = item(change.new_image())?;
    stream_record.old_image = item(change.old_image())?;
    stream_record.sequence_number = Some(change.sequence_number()?.to_string());
    stream_record.size_bytes = change.size_bytes().unwrap_or_default();
    stream_record.stream_view_type = change.stream_view_type().and_then(view_type);
    stream_record.approximate_creation_date_time = change
        .approximate_creation_date_time()
        .and_then(|at| chrono::DateTime::from_timestamp(at.secs(), at.subsec_nanos()))
        .unwrap_or_default();

    let mut out = EventRecord::default();
    out.event_id = record.event_id()?.to_string();
    out.event_name = record.event_name()?.as_str().to_string();
    out.event_source = Some(EVENT_SOURCE.to_string());
    out.event_version = record.event_version().map(str::to_string);
    out.event_source_arn = Some(stream_arn.to_string());
    // DynamoDB Local calls its region `ddblocal`; Lambda's events name the table's region.
    out.aws_region = region.to_string();
    // Set on TTL deletions (principal `dynamodb.amazonaws.com`), as in AWS.
    out.user_identity = record.user_identity().map(|who| {
        let mut identity = UserIdentity::default();
        identity.type_ = who.r#type().unwrap_or_default().to_string();
        identity.principal_id = who.principal_id().unwrap_or_default().to_string();
        identity
    });
    out.change = stream_record;
    Some(out)
}

/// An image or the keys in serde_dynamo's form (empty when the record has none, as Lambda's
/// JSON leaves it out). serde_dynamo's own conversion panics on a type the SDK does not know
/// (`Unknown`); this one refuses the record instead.
fn item(image: Option<&HashMap<String, AttributeValue>>) -> Option<serde_dynamo::Item> {
    let Some(image) = image else {
        return Some(serde_dynamo::Item::default());
    };
    let values: Option<HashMap<String, Value>> = image
        .iter()
        .map(|(name, v)| Some((name.clone(), value(v)?)))
        .collect();
    values.map(serde_dynamo::Item::from)
}

fn value(v: &AttributeValue) -> Option<Value> {
    Some(match v {
        AttributeValue::S(s) => Value::S(s.clone()),
        AttributeValue::N(n) => Value::N(n.clone()),
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::Null(null) => Value::Null(*null),
        AttributeValue::B(b) => Value::B(b.as_ref().to_vec()),
        AttributeValue::Ss(ss) => Value::Ss(ss.clone()),
        AttributeValue::Ns(ns) => Value::Ns(ns.clone()),
        AttributeValue::Bs(bs) => Value::Bs(bs.iter().map(|b| b.as_ref().to_vec()).collect()),
        AttributeValue::L(l) => Value::L(l.iter().map(value).collect::<Option<_>>()?),
        AttributeValue::M(m) => Value::M(
            m.iter()
                .map(|(name, v)| Some((name.clone(), value(v)?)))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

fn view_type(view: &streams::StreamViewType) -> Option<StreamViewType> {
    Some(match view {
        streams::StreamViewType::NewAndOldImages => StreamViewType::NewAndOldImages,
        streams::StreamViewType::NewImage => StreamViewType::NewImage,
        streams::StreamViewType::OldImage => StreamViewType::OldImage,
        streams::StreamViewType::KeysOnly => StreamViewType::KeysOnly,
        _ => return None,
    })
}

/// A string attribute of `item` (the table's keys are strings), or "" when it has none.
pub fn string_of(item: &serde_dynamo::Item, name: &str) -> String {
    match item.get(name) {
        Some(Value::S(s)) => s.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use aws_lambda_events::event::dynamodb::Event;
    use aws_sdk_dynamodbstreams::primitives::DateTime;
    use aws_sdk_dynamodbstreams::types::{Identity, OperationType, Record};

    use super::*;

    const ARN: &str =
        "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-01-01T00:00:00.000";

    fn s(text: &str) -> AttributeValue {
        AttributeValue::S(text.to_string())
    }

    fn record(sk: &str) -> Record {
        Record::builder()
            .event_id("e1")
            .event_name(OperationType::Modify)
            .event_version("1.1")
            .event_source("aws:dynamodb")
            .aws_region("ddblocal")
            .dynamodb(
                streams::StreamRecord::builder()
                    .keys("PK", s("CHAN#1"))
                    .keys("SK", s(sk))
                    .old_image("PK", s("CHAN#1"))
                    .old_image("SK", s(sk))
                    .old_image("body", s("before"))
                    .new_image("PK", s("CHAN#1"))
                    .new_image("SK", s(sk))
                    .new_image("body", s("after"))
                    .new_image(
                        "reactions",
                        AttributeValue::M(HashMap::from([(
                            "🎉".to_string(),
                            AttributeValue::L(vec![s("u1"), AttributeValue::N("2".into())]),
                        )])),
                    )
                    .sequence_number("000100")
                    .size_bytes(42)
                    .stream_view_type(streams::StreamViewType::NewAndOldImages)
                    .approximate_creation_date_time(DateTime::from_secs(1_767_225_600))
                    .build(),
            )
            .build()
    }

    #[test]
    fn only_message_and_reply_rows_pass_the_filter() {
        assert!(wanted(&record("MSG#01J")));
        assert!(wanted(&record("RPL#01J#01K")));
        for other in ["META", "MEMBER#u1", "PIN#01J", "SRCH#x", "DRAFT#y"] {
            assert!(!wanted(&record(other)), "{other}");
        }
        assert!(!wanted(&Record::builder().build()));
    }

    /// The record serialises as Lambda's event JSON does, and reads back as the same event.
    #[test]
    fn a_record_becomes_lambdas_event_record() {
        let converted = event_record(&record("MSG#01J"), ARN, "eu-west-1").unwrap();
        let mut event = Event::default();
        event.records.push(converted);
        let json = serde_json::to_value(&event).unwrap();
        let r = &json["Records"][0];
        assert_eq!(r["eventID"], "e1");
        assert_eq!(r["eventName"], "MODIFY");
        assert_eq!(r["eventSource"], "aws:dynamodb");
        assert_eq!(r["eventSourceARN"], ARN);
        assert_eq!(r["awsRegion"], "eu-west-1");
        let change = &r["dynamodb"];
        assert_eq!(change["Keys"]["SK"]["S"], "MSG#01J");
        assert_eq!(change["OldImage"]["body"]["S"], "before");
        assert_eq!(change["NewImage"]["body"]["S"], "after");
        assert_eq!(change["NewImage"]["reactions"]["M"]["🎉"]["L"][1]["N"], "2");
        assert_eq!(change["SequenceNumber"], "000100");
        assert_eq!(change["SizeBytes"], 42);
        assert_eq!(change["StreamViewType"], "NEW_AND_OLD_IMAGES");
        assert_eq!(change["ApproximateCreationDateTime"], 1_767_225_600.0);
        let back: Event = serde_json::from_value(json).unwrap();
        assert_eq!(back, event);
    }

    #[test]
    fn missing_images_are_empty_and_a_ttl_delete_names_dynamodb() {
        let expired = Record::builder()
            .event_id("e2")
            .event_name(OperationType::Remove)
            .user_identity(
                Identity::builder()
                    .r#type("Service")
                    .principal_id("dynamodb.amazonaws.com")
                    .build(),
            )
            .dynamodb(
                streams::StreamRecord::builder()
                    .keys("PK", s("CHAN#1"))
                    .keys("SK", s("MSG#01J"))
                    .sequence_number("7")
                    .build(),
            )
            .build();
        let converted = event_record(&expired, ARN, "us-east-1").unwrap();
        assert!(converted.change.new_image.is_empty());
        assert!(converted.change.old_image.is_empty());
        assert_eq!(converted.event_name, "REMOVE");
        let who = converted.user_identity.unwrap();
        assert_eq!(
            (who.type_.as_str(), who.principal_id.as_str()),
            ("Service", "dynamodb.amazonaws.com")
        );
        assert_eq!(string_of(&converted.change.keys, "SK"), "MSG#01J");
    }

    #[test]
    fn a_record_without_a_sequence_number_is_refused() {
        let unsequenced = Record::builder()
            .event_id("e3")
            .event_name(OperationType::Insert)
            .dynamodb(
                streams::StreamRecord::builder()
                    .keys("SK", s("MSG#01J"))
                    .build(),
            )
            .build();
        assert!(event_record(&unsequenced, ARN, "us-east-1").is_none());
    }
}
