//! The files of a channel or conversation: `<parent>` / `FILE#<file>` rows, written in the same
//! transaction as the message that carries them and removed with its deletion, so the files
//! pane is one Query, newest first, and never shows a file of a deleted message.

use aws_sdk_dynamodb::types::{Delete, TransactWriteItem};
use domain::files::{FileEntry, FilePage};
use domain::message::Message;
use domain::{FileId, Parent};

use crate::cursor;
use crate::items::{item, key, parse, s};
use crate::keys::{self, FILE_PREFIX, PK, SK};
use crate::{Store, StoreError, paging, tx};

#[derive(Clone, Copy)]
pub struct Files<'a>(pub(crate) &'a Store);

impl Files<'_> {
    /// The file `id` of `parent`, while the message carrying it stands.
    pub async fn get(self, parent: Parent, id: FileId) -> Result<Option<FileEntry>, StoreError> {
        let row = self
            .0
            .get_item(key(keys::parent(parent), keys::file(id)))
            .await?;
        row.map(parse).transpose()
    }

    /// One page of `parent`'s files, newest first. `None` when the cursor is not one we gave.
    pub async fn page(
        self,
        parent: Parent,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Option<FilePage>, StoreError> {
        let start = match cursor {
            None => None,
            Some(text) => match cursor::decode_key(text, &[PK, SK]) {
                Some(start) if start.get(PK) == Some(&s(keys::parent(parent))) => Some(start),
                _ => return Ok(None),
            },
        };
        let query = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :files)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(keys::parent(parent)))
            .expression_attribute_values(":files", s(FILE_PREFIX))
            .scan_index_forward(false);
        let (rows, next) = paging::page(query, limit, start).await?;
        Ok(Some(FilePage {
            items: rows.into_iter().map(parse).collect::<Result<_, _>>()?,
            next_cursor: next.as_ref().map(cursor::encode_key),
        }))
    }
}

/// The rows of `message`'s files, each failing if it exists already.
pub(crate) fn rows(
    table: &str,
    parent: Parent,
    message: &Message,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    message
        .attachments
        .iter()
        .map(|file| {
            let entry = FileEntry {
                file: file.clone(),
                message_id: message.id,
                thread_root_id: message.thread_root_id,
                author_id: message.author_id,
                created_at: message.created_at,
            };
            let row = item(
                &entry,
                &[(PK, keys::parent(parent)), (SK, keys::file(file.id))],
            )?;
            tx::put_new(table, row)
        })
        .collect()
}

/// The deletes of `message`'s file rows.
pub(crate) fn removals(
    table: &str,
    parent: Parent,
    message: &Message,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    message
        .attachments
        .iter()
        .map(|file| {
            let delete = Delete::builder()
                .table_name(table)
                .set_key(Some(key(keys::parent(parent), keys::file(file.id))))
                .build()
                .map_err(|e| StoreError::Codec(e.to_string()))?;
            Ok(TransactWriteItem::builder().delete(delete).build())
        })
        .collect()
}
