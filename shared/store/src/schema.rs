//! The table's shape. Only `migrate ensure-table` (development) calls this; in production the
//! SAM template owns the table and the app never creates or alters it.

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, StreamSpecification, StreamViewType, TableDescription,
    TimeToLiveSpecification,
};

use crate::keys::{GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, PK, SK, TTL};
use crate::{Store, StoreError};

#[derive(Debug, PartialEq, Eq)]
pub enum Ensured {
    Created,
    AlreadyExisted,
    /// The table existed without a stream (made before search): its stream is now on.
    StreamEnabled,
}

/// The stream the search index is kept from: both images, so a change shows what it replaced.
fn stream() -> Result<StreamSpecification, StoreError> {
    StreamSpecification::builder()
        .stream_enabled(true)
        .stream_view_type(StreamViewType::NewAndOldImages)
        .build()
        .map_err(|e| StoreError::Codec(e.to_string()))
}

/// Whether the table has the stream the index needs (`false`: none); an error for a stream
/// UpdateTable cannot turn into that one.
fn has_stream(table: Option<&TableDescription>) -> Result<bool, StoreError> {
    let Some(spec) = table
        .and_then(TableDescription::stream_specification)
        .filter(|spec| spec.stream_enabled())
    else {
        return Ok(false);
    };
    match spec.stream_view_type() {
        Some(StreamViewType::NewAndOldImages) => Ok(true),
        _ => Err(StoreError::Conflict(
            "the table has a stream without both images; disable it (UpdateTable) and run ensure-table again so it gets a NEW_AND_OLD_IMAGES one",
        )),
    }
}

fn key(name: &str, kind: KeyType) -> Result<KeySchemaElement, StoreError> {
    KeySchemaElement::builder()
        .attribute_name(name)
        .key_type(kind)
        .build()
        .map_err(|e| StoreError::Codec(e.to_string()))
}

fn string_attribute(name: &str) -> Result<AttributeDefinition, StoreError> {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(ScalarAttributeType::S)
        .build()
        .map_err(|e| StoreError::Codec(e.to_string()))
}

fn gsi(name: &str, pk: &str, sk: &str) -> Result<GlobalSecondaryIndex, StoreError> {
    GlobalSecondaryIndex::builder()
        .index_name(name)
        .key_schema(key(pk, KeyType::Hash)?)
        .key_schema(key(sk, KeyType::Range)?)
        .projection(
            Projection::builder()
                .projection_type(ProjectionType::All)
                .build(),
        )
        .build()
        .map_err(|e| StoreError::Codec(e.to_string()))
}

impl Store {
    /// Creates the table (PK/SK, GSI1, GSI2, TTL on `ttl`, a NEW_AND_OLD_IMAGES stream) unless
    /// it exists; turns the stream on in a table made before it had one.
    pub async fn ensure_table(&self) -> Result<Ensured, StoreError> {
        let described = self
            .client
            .describe_table()
            .table_name(self.table())
            .send()
            .await;
        match described {
            Ok(out) if has_stream(out.table())? => return Ok(Ensured::AlreadyExisted),
            Ok(_) => return self.enable_stream().await,
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_resource_not_found_exception()) => {}
            Err(e) => return Err(StoreError::dynamo("DescribeTable", e)),
        }
        let mut create = self
            .client
            .create_table()
            .table_name(self.table())
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(key(PK, KeyType::Hash)?)
            .key_schema(key(SK, KeyType::Range)?)
            .global_secondary_indexes(gsi(GSI1, GSI1PK, GSI1SK)?)
            .global_secondary_indexes(gsi(GSI2, GSI2PK, GSI2SK)?)
            .stream_specification(stream()?);
        for name in [PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK] {
            create = create.attribute_definitions(string_attribute(name)?);
        }
        match create.send().await {
            Ok(_) => {}
            // Another process created it between our look and our create.
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_resource_in_use_exception()) =>
            {
                return Ok(Ensured::AlreadyExisted);
            }
            Err(e) => return Err(StoreError::dynamo("CreateTable", e)),
        }
        self.client
            .update_time_to_live()
            .table_name(self.table())
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name(TTL)
                    .enabled(true)
                    .build()
                    .map_err(|e| StoreError::Codec(e.to_string()))?,
            )
            .send()
            .await
            .map_err(|e| StoreError::dynamo("UpdateTimeToLive", e))?;
        Ok(Ensured::Created)
    }

    async fn enable_stream(&self) -> Result<Ensured, StoreError> {
        self.client
            .update_table()
            .table_name(self.table())
            .stream_specification(stream()?)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("UpdateTable", e))?;
        Ok(Ensured::StreamEnabled)
    }

    /// Drops the table; for tests that make a table each.
    pub async fn delete_table(&self) -> Result<(), StoreError> {
        self.client
            .delete_table()
            .table_name(self.table())
            .send()
            .await
            .map_err(|e| StoreError::dynamo("DeleteTable", e))?;
        Ok(())
    }
}
