//! The durable record of revoked access: the one fact about tokens that must never be
//! forgotten. Redis only caches it (`realtime::revocations`); whatever Redis loses, this is read
//! again. Rows live in the user's partition under `REVOKED`: one with the user-wide cut-off,
//! which only ever moves later, and one per ended session family, kept (by TTL) for as long as
//! any access token of that family could still be alive.

use aws_sdk_dynamodb::types::AttributeValue;
use domain::UserId;
use domain::revocation::{ENDED_FAMILY_MEMORY_SECONDS, Revocations};

use crate::error::unless_condition_failed;
use crate::items::{get_s, key, s};
use crate::keys::{self, SK, TTL};
use crate::{Store, StoreError, paging};

#[derive(Clone, Copy)]
pub struct RevocationRecords<'a>(pub(crate) &'a Store);

const BEFORE_MS: &str = "beforeMs";
const FAMILY: &str = "family";

impl RevocationRecords<'_> {
    /// Every token of `user` issued before `at_ms` is void from now on. The cut-off never moves
    /// back: a cut-off already later than `at_ms` stays.
    pub async fn cut_off(self, user: UserId, at_ms: i64) -> Result<(), StoreError> {
        let out = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::REVOKED_ALL)))
            .update_expression("SET #b = :t")
            .condition_expression("attribute_not_exists(#b) OR #b < :t")
            .expression_attribute_names("#b", BEFORE_MS)
            .expression_attribute_values(":t", AttributeValue::N(at_ms.to_string()))
            .send()
            .await;
        unless_condition_failed("UpdateItem", out)?;
        Ok(())
    }

    /// Every token of the session family `family` is void from now on. Returns when the record
    /// may be forgotten (seconds since the epoch).
    pub async fn end_family(
        self,
        user: UserId,
        family: &str,
        now_seconds: i64,
    ) -> Result<i64, StoreError> {
        let until = now_seconds + ENDED_FAMILY_MEMORY_SECONDS;
        let mut row = key(keys::user(user), keys::ended_family(family));
        row.insert(FAMILY.into(), s(family));
        row.insert(TTL.into(), AttributeValue::N(until.to_string()));
        self.0.put(row).await?;
        Ok(until)
    }

    /// What is revoked for `user` now: one strongly consistent Query, so a revocation written a
    /// moment ago is seen. Ended families past their time are left out (DynamoDB deletes expired
    /// rows only eventually).
    pub async fn get(self, user: UserId, now_seconds: i64) -> Result<Revocations, StoreError> {
        let query = self
            .0
            .prefix_query(keys::user(user), keys::REVOKED_PREFIX)
            .consistent_read(true);
        let rows = paging::all(query).await?;
        let mut revocations = Revocations::default();
        for row in rows {
            match get_s(&row, SK) {
                Some(keys::REVOKED_ALL) => {
                    revocations.before_ms = number(&row, BEFORE_MS).unwrap_or(0);
                }
                Some(_) => {
                    let (Some(family), Some(until)) = (get_s(&row, FAMILY), number(&row, TTL))
                    else {
                        continue;
                    };
                    if until > now_seconds {
                        revocations.ended_families.insert(family.to_string(), until);
                    }
                }
                None => {}
            }
        }
        Ok(revocations)
    }
}

fn number(row: &crate::items::Item, name: &str) -> Option<i64> {
    row.get(name)?.as_n().ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_sit_under_the_prefix_one_query_reads() {
        assert!(keys::REVOKED_ALL.starts_with(keys::REVOKED_PREFIX));
        assert!(keys::ended_family("f").starts_with(keys::REVOKED_PREFIX));
        assert_ne!(keys::ended_family(""), keys::REVOKED_ALL);
    }
}
