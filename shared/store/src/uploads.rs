//! Uploads not attached yet: `USER#<uid>` / `UPLOAD#<upload>`, in the uploader's own partition
//! (an id from someone else's upload finds nothing), expiring with the `pending/` objects. An
//! upload is used up in the same transaction that writes the message carrying it.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, TransactWriteItem};
use domain::files::{ContentType, FileName, Sha256};
use domain::limits::UPLOAD_PENDING_SECONDS;
use domain::{Timestamp, UploadId, UserId};
use serde::{Deserialize, Serialize};

use crate::items::{item, key, parse};
use crate::keys::{self, PK, SK, TTL};
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct Uploads<'a>(pub(crate) &'a Store);

/// What was declared for an upload, as the presigned PUT bound it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingUpload {
    pub id: UploadId,
    pub owner: UserId,
    pub name: String,
    pub size: u64,
    pub content_type: String,
    /// 64 hex digits.
    pub sha256: String,
    pub created_at: Timestamp,
}

impl PendingUpload {
    pub fn new(
        owner: UserId,
        name: &FileName,
        size: u64,
        content_type: &ContentType,
        sha256: Sha256,
    ) -> Self {
        Self {
            id: UploadId::new(),
            owner,
            name: name.as_str().to_string(),
            size,
            content_type: content_type.as_str().to_string(),
            sha256: sha256.to_hex(),
            created_at: Timestamp::now(),
        }
    }

    /// Whether it is past the day an upload may wait to be attached.
    pub fn expired(&self, now: Timestamp) -> bool {
        self.created_at.plus_seconds(UPLOAD_PENDING_SECONDS) <= now
    }
}

impl Uploads<'_> {
    pub async fn create(self, upload: &PendingUpload) -> Result<(), StoreError> {
        let expires = upload.created_at.plus_seconds(UPLOAD_PENDING_SECONDS);
        let mut row = item(
            upload,
            &[
                (PK, keys::user(upload.owner)),
                (SK, keys::upload(upload.id)),
            ],
        )?;
        row.insert(
            TTL.into(),
            AttributeValue::N(expires.unix_seconds().to_string()),
        );
        self.0.put_new(row).await
    }

    /// `owner`'s upload `id`, if it is theirs and not used up or expired.
    pub async fn get(
        self,
        owner: UserId,
        id: UploadId,
    ) -> Result<Option<PendingUpload>, StoreError> {
        let Some(row) = self
            .0
            .get_item(key(keys::user(owner), keys::upload(id)))
            .await?
        else {
            return Ok(None);
        };
        let upload: PendingUpload = parse(row)?;
        Ok((!upload.expired(Timestamp::now())).then_some(upload))
    }
}

/// The write that uses up `owner`'s upload `id`, failing when it is already gone.
pub(crate) fn use_up(
    table: &str,
    owner: UserId,
    id: UploadId,
) -> Result<TransactWriteItem, StoreError> {
    let delete = Delete::builder()
        .table_name(table)
        .set_key(Some(key(keys::user(owner), keys::upload(id))))
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(|e| StoreError::Codec(e.to_string()))?;
    Ok(TransactWriteItem::builder().delete(delete).build())
}
