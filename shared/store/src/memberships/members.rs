//! A parent's members, from its parent-side rows: every one with their mute (for fan-out), their
//! ids, a page of them, and the members version a list is as of.

use domain::channel::MemberPage;
use domain::{Parent, UserId};

use super::{MEMBERS_VERSION, Memberships};
use crate::items::{get_s, key, parse};
use crate::keys::{self, PK, SK};
use crate::{StoreError, cursor, paging};

/// The members of a parent with whether each muted it, as of `version`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberList {
    pub version: u64,
    pub members: Vec<(UserId, bool)>,
}

impl Memberships<'_> {
    /// Every member's id (all pages).
    pub async fn member_ids(self, parent: Parent) -> Result<Vec<UserId>, StoreError> {
        Ok(self
            .members_muted(parent)
            .await?
            .members
            .into_iter()
            .map(|(user, _)| user)
            .collect())
    }

    /// Every member with whether they muted the parent, and the members version they are as
    /// of (all pages, one strongly consistent Query after one read of the version): what a
    /// fan-out cache may keep under that version. Read in this order, the list is never older
    /// than its version, so a cache built from it cannot bring back someone removed.
    pub async fn members_muted(self, parent: Parent) -> Result<MemberList, StoreError> {
        let version = self.version(parent).await?;
        let query = self
            .members_query(parent)
            .projection_expression("#sk, muted")
            .consistent_read(true);
        let rows = paging::all(query).await?;
        let members = rows
            .iter()
            .filter_map(|row| {
                let user = get_s(row, SK)?
                    .strip_prefix(keys::MEMBER_PREFIX)?
                    .parse()
                    .ok()?;
                let muted = row.get("muted").and_then(|m| m.as_bool().ok()).copied();
                Some((user, muted.unwrap_or(false)))
            })
            .collect();
        Ok(MemberList { version, members })
    }

    /// The parent's members version (0 for a parent never changed, or not there).
    pub async fn version(self, parent: Parent) -> Result<u64, StoreError> {
        let version = self
            .0
            .get_attribute(
                key(keys::parent(parent), keys::META),
                MEMBERS_VERSION,
                false,
            )
            .await?;
        Ok(version
            .as_ref()
            .and_then(|v| v.as_n().ok())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }

    /// One page of members, in id order. `None` when the cursor is not one we gave out.
    pub async fn page(
        self,
        parent: Parent,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Option<MemberPage>, StoreError> {
        let start = match cursor {
            Some(c) => match cursor::decode_key(c, &[PK, SK]) {
                Some(start) if get_s(&start, PK) == Some(keys::parent(parent).as_str()) => {
                    Some(start)
                }
                _ => return Ok(None),
            },
            None => None,
        };
        let out = self
            .members_query(parent)
            .limit(i32::try_from(limit).unwrap_or(i32::MAX))
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("Query", e))?;
        let items = out
            .items
            .unwrap_or_default()
            .into_iter()
            .map(parse)
            .collect::<Result<_, _>>()?;
        Ok(Some(MemberPage {
            items,
            next_cursor: out.last_evaluated_key.as_ref().map(cursor::encode_key),
        }))
    }

    fn members_query(
        self,
        parent: Parent,
    ) -> aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder {
        self.0
            .prefix_query(keys::parent(parent), keys::MEMBER_PREFIX)
    }
}
