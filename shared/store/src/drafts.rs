//! Drafts: `USER#<uid>` / `DRAFT#<parent>#<root or ->`, one per conversation and thread. A save
//! or a clear is conditional on being newer than what is stored, so a slow device never
//! overwrites newer text. The condition compares `editedAtMs`, the edit time in epoch
//! milliseconds as a number, beside the draft's own `editedAt` text: RFC 3339 text does not
//! order reliably (offsets, and fractions of varying length: `…:00Z` sorts after `…:00.5Z`).

use aws_sdk_dynamodb::types::AttributeValue;
use domain::drafts::Draft;
use domain::{MessageId, Parent, Timestamp, UserId};

use crate::items::{item, key, parse};
use crate::keys::{self, PK, SK};
use crate::{Store, StoreError, paging};

#[derive(Clone, Copy)]
pub struct Drafts<'a>(pub(crate) &'a Store);

impl Drafts<'_> {
    /// Saves `draft` unless a newer one is stored; `false` when it is older.
    pub async fn save(
        self,
        user: UserId,
        parent: Parent,
        draft: &Draft,
    ) -> Result<bool, StoreError> {
        let mut row = item(
            draft,
            &[
                (PK, keys::user(user)),
                (SK, keys::draft(parent, draft.thread_root_id)),
            ],
        )?;
        row.insert(EDITED_MS.into(), millis(draft.edited_at));
        let save = AttributeValue::S(ulid::Ulid::new().to_string());
        row.insert(SAVE_ID.into(), save.clone());
        let result = self
            .0
            .client
            .put_item()
            .table_name(self.0.table())
            .set_item(Some(row))
            .condition_expression(
                "attribute_not_exists(#pk) OR attribute_not_exists(#at) OR #at < :at \
                 OR #save = :save",
            )
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#at", EDITED_MS)
            .expression_attribute_names("#save", SAVE_ID)
            .expression_attribute_values(":at", millis(draft.edited_at))
            .expression_attribute_values(":save", save)
            .send()
            .await;
        newer(result.map(|_| ()))
    }

    /// Clears the draft, unless one newer than `at` is stored; `false` then.
    pub async fn clear(
        self,
        user: UserId,
        parent: Parent,
        root: Option<MessageId>,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let result = self
            .0
            .client
            .delete_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::draft(parent, root))))
            .condition_expression(
                "attribute_not_exists(#pk) OR attribute_not_exists(#at) OR #at <= :at",
            )
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#at", EDITED_MS)
            .expression_attribute_values(":at", millis(at))
            .send()
            .await;
        newer(result.map(|_| ()))
    }

    /// The user's drafts (all pages), newest edit first.
    pub async fn list(self, user: UserId) -> Result<Vec<Draft>, StoreError> {
        let query = self.0.prefix_query(keys::user(user), keys::DRAFT_PREFIX);
        let mut drafts: Vec<Draft> = paging::all(query)
            .await?
            .into_iter()
            .map(parse)
            .collect::<Result<_, _>>()?;
        drafts.sort_by_key(|d| std::cmp::Reverse(d.edited_at));
        Ok(drafts)
    }
}

/// A fresh id per save: when the SDK sends a save again because the answer to the first was
/// lost (a timeout), the condition recognises the row the first try wrote as this save's own,
/// where an equal time alone would refuse it.
const SAVE_ID: &str = "saveId";

/// The attribute the newer-wins condition compares (a draft saved before it existed loses to
/// any save).
const EDITED_MS: &str = "editedAtMs";

fn millis(at: Timestamp) -> AttributeValue {
    AttributeValue::N((at.0.unix_timestamp_nanos() / 1_000_000).to_string())
}

/// `Ok(false)` when the condition (newer than what is stored) failed.
fn newer<E>(result: Result<(), aws_sdk_dynamodb::error::SdkError<E>>) -> Result<bool, StoreError>
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match result {
        Ok(()) => Ok(true),
        Err(e)
            if e.as_service_error()
                .and_then(aws_sdk_dynamodb::error::ProvideErrorMetadata::code)
                == Some("ConditionalCheckFailedException") =>
        {
            Ok(false)
        }
        Err(e) => Err(StoreError::dynamo("write", e)),
    }
}
