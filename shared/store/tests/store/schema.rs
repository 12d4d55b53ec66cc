//! `ensure_table`: the table's stream, on a new table and on one made before it had a stream.

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
    StreamViewType,
};
use store::Store;
use store::keys::{PK, SK};
use store::schema::Ensured;

use super::fresh_store;

/// The table's stream view type and latest stream ARN, as DescribeTable tells them.
async fn stream_of(store: &Store) -> (Option<StreamViewType>, Option<String>) {
    let out = store
        .client()
        .describe_table()
        .table_name(store.table())
        .send()
        .await
        .unwrap();
    let table = out.table().unwrap();
    let spec = table
        .stream_specification()
        .filter(|spec| spec.stream_enabled());
    (
        spec.and_then(|spec| spec.stream_view_type().cloned()),
        table.latest_stream_arn().map(str::to_string),
    )
}

#[tokio::test]
async fn a_new_table_has_a_stream_of_both_images() {
    let store = fresh_store().await;
    let (view, arn) = stream_of(&store).await;
    assert_eq!(view, Some(StreamViewType::NewAndOldImages));
    assert!(arn.is_some());
    store.delete_table().await.unwrap();
}

#[tokio::test]
async fn a_table_without_a_stream_gets_one_once() {
    let endpoint = std::env::var("DYNAMODB_ENDPOINT").unwrap();
    let table = format!("test-{}", ulid::Ulid::new().to_string().to_lowercase());
    let store = Store::connect("us-east-1", Some(&endpoint), table).await;
    // Made as ensure_table made tables before search: no stream.
    let key = |name: &str, kind| {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(kind)
            .build()
            .unwrap()
    };
    let attribute = |name: &str| {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(ScalarAttributeType::S)
            .build()
            .unwrap()
    };
    store
        .client()
        .create_table()
        .table_name(store.table())
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(PK, KeyType::Hash))
        .key_schema(key(SK, KeyType::Range))
        .attribute_definitions(attribute(PK))
        .attribute_definitions(attribute(SK))
        .send()
        .await
        .unwrap();
    assert_eq!(stream_of(&store).await, (None, None));

    assert_eq!(store.ensure_table().await.unwrap(), Ensured::StreamEnabled);
    let (view, arn) = stream_of(&store).await;
    assert_eq!(view, Some(StreamViewType::NewAndOldImages));
    assert!(arn.is_some());

    assert_eq!(store.ensure_table().await.unwrap(), Ensured::AlreadyExisted);
    store.delete_table().await.unwrap();
}
