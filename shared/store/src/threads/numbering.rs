//! Reply numbers: a reply takes the next one in one conditional update of its root, which also
//! records the reply as the taker of that number, so a resent update recognises its own.

use aws_sdk_dynamodb::types::AttributeValue;
use domain::message::Message;
use domain::{MessageId, Parent};

use super::Threads;
use crate::StoreError;
use crate::error::unless_condition_failed;
use crate::items::{get_n, get_s, key, s};
use crate::keys::{self, PK};

/// How many reply numbers the root remembers the taker of (`replyTaker<number % TAKER_SLOTS>`),
/// so a reply whose update was sent twice finds its number its own even after later replies.
const TAKER_SLOTS: u32 = 16;

/// The root's attribute that holds the taker of reply number `number`.
fn taker(number: u32) -> String {
    format!("replyTaker{}", number % TAKER_SLOTS)
}

impl Threads<'_> {
    /// Counts `reply` on `root` (already changed to what it becomes) if its count is still
    /// `seen` and it is not deleted, and records the reply as the taker of its number. `true`
    /// when the number is this reply's: also when the SDK sent the update again after losing
    /// the answer to the first (a timeout), which then fails its condition on its own write.
    pub(super) async fn count_reply(
        self,
        parent: Parent,
        root: &Message,
        seen: u32,
        reply: MessageId,
    ) -> Result<bool, StoreError> {
        let result = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::parent(parent), keys::message(root.id))))
            .update_expression(
                "SET replyCount = :count, lastReplyAt = :now, recentReplierIDs = :recent, \
                 #taker = :reply",
            )
            // Messages written before threads existed have no count yet.
            .condition_expression(if seen == 0 {
                "attribute_exists(#pk) AND (attribute_not_exists(replyCount) OR replyCount = :seen) \
                 AND (attribute_not_exists(deleted) OR deleted = :false)"
            } else {
                "attribute_exists(#pk) AND replyCount = :seen \
                 AND (attribute_not_exists(deleted) OR deleted = :false)"
            })
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#taker", taker(root.reply_count))
            .expression_attribute_values(":count", AttributeValue::N(root.reply_count.to_string()))
            .expression_attribute_values(":seen", AttributeValue::N(seen.to_string()))
            .expression_attribute_values(":now", serde_dynamo::to_attribute_value(root.last_reply_at)?)
            .expression_attribute_values(
                ":recent",
                serde_dynamo::to_attribute_value(&root.recent_replier_ids)?,
            )
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .expression_attribute_values(":reply", s(reply.to_string()))
            .send()
            .await;
        match unless_condition_failed("UpdateItem", result)? {
            Some(_) => Ok(true),
            None => self.took(parent, root.id, root.reply_count, reply).await,
        }
    }

    /// Whether `reply` took number `number` of `root`'s thread: it is that number's taker, and
    /// fewer than `TAKER_SLOTS` numbers were taken since (so its slot was not reused).
    async fn took(
        self,
        parent: Parent,
        root: MessageId,
        number: u32,
        reply: MessageId,
    ) -> Result<bool, StoreError> {
        let found = self
            .0
            .get_item_consistent(key(keys::parent(parent), keys::message(root)))
            .await?;
        let Some(item) = found else {
            return Ok(false);
        };
        let count = get_n(&item, "replyCount").unwrap_or(0);
        let since = count.checked_sub(u64::from(number));
        Ok(since.is_some_and(|since| since < u64::from(TAKER_SLOTS))
            && get_s(&item, &taker(number)) == Some(reply.to_string().as_str()))
    }
}
