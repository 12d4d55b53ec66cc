//! Refresh sessions. Only the hash of a refresh token is stored. Every refresh rotates the
//! token: the old row is marked replaced and a new row joins the same family, in one
//! transaction. The replaced rows stay until they expire, so a stolen token used after its
//! owner refreshed is recognised, and the caller can end the whole family. Expired rows are
//! ignored on read, since DynamoDB removes them only eventually.

use aws_sdk_dynamodb::types::{TransactWriteItem, Update};
use domain::{Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::items::{get_s, item, key, parse, s};
use crate::keys::{self, GSI1, GSI1PK, GSI1SK, META, PK};
use crate::{Store, StoreError, paging, tx};

#[derive(Clone, Copy)]
pub struct Sessions<'a>(pub(crate) &'a Store);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    #[serde(rename = "userID")]
    pub user_id: UserId,
    /// Every token rotated from one sign-in shares it: one device's chain.
    #[serde(rename = "familyID", default)]
    pub family_id: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// When this token was rotated away; a replaced token no longer refreshes. Absent (not
    /// NULL) until then: the rotation's condition tests that it does not exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_at: Option<Timestamp>,
    /// Epoch seconds: the attribute the table's TTL setting (`keys::TTL`) watches.
    pub ttl: i64,
}

/// What asking to rotate a token found.
#[derive(Debug, Clone, PartialEq)]
pub enum Rotation {
    /// The old token is replaced by the new one.
    Rotated(Session),
    /// The old token had already been replaced (at that time): by a concurrent refresh of the
    /// same device, or by someone replaying a stolen token.
    AlreadyReplaced(Timestamp),
    /// The old token is gone (its family ended) or expired.
    Unknown,
}

impl Sessions<'_> {
    /// A new session (a new family) for `user`.
    pub async fn create(
        self,
        token_hash: &str,
        user: UserId,
        ttl_seconds: i64,
    ) -> Result<Session, StoreError> {
        let session = new_session(user, ulid::Ulid::new().to_string(), ttl_seconds);
        self.0.put_new(row(token_hash, &session)?).await?;
        Ok(session)
    }

    /// The live session for this token hash (replaced or not); `None` when unknown or expired.
    pub async fn get(self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        let item = self
            .0
            .get_item(key(keys::refresh_token(token_hash), META))
            .await?;
        let session: Option<Session> = item.map(parse).transpose()?;
        Ok(session.filter(|s| s.expires_at > Timestamp::now()))
    }

    /// Replaces the token `old_hash` of `old` with `new_hash` in the same family, unless it was
    /// replaced already. The new token lives `ttl_seconds` from now.
    pub async fn rotate(
        self,
        old_hash: &str,
        old: &Session,
        new_hash: &str,
        ttl_seconds: i64,
    ) -> Result<Rotation, StoreError> {
        let table = self.0.table();
        let now = Timestamp::now();
        let replace = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::refresh_token(old_hash), META)))
            .update_expression("SET replacedAt = :now")
            .condition_expression("attribute_exists(#pk) AND attribute_not_exists(replacedAt)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":now", serde_dynamo::to_attribute_value(now)?)
            .build()
            .map_err(|e| StoreError::Codec(e.to_string()))?;
        let next = new_session(old.user_id, old.family_id.clone(), ttl_seconds);
        let writes = vec![
            TransactWriteItem::builder().update(replace).build(),
            tx::put_new(table, row(new_hash, &next)?)?,
        ];
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(Rotation::Rotated(next)),
            Err(_) => Ok(match self.get(old_hash).await? {
                Some(Session {
                    replaced_at: Some(at),
                    ..
                }) => Rotation::AlreadyReplaced(at),
                _ => Rotation::Unknown,
            }),
        }
    }

    /// Another token in the family of `old`, which was replaced moments ago: the same device
    /// asking twice (two tabs, or a retry after an answer that never arrived) ends up holding a
    /// live token whichever answer it keeps.
    pub async fn branch(
        self,
        old: &Session,
        new_hash: &str,
        ttl_seconds: i64,
    ) -> Result<Session, StoreError> {
        let next = new_session(old.user_id, old.family_id.clone(), ttl_seconds);
        self.0.put_new(row(new_hash, &next)?).await?;
        Ok(next)
    }

    /// Ends one family (a device's sign-in): every token of it, replaced or current, and every
    /// access token it issued (recorded first, so a failure half-way leaves it revoked).
    pub async fn end_family(self, user: UserId, family_id: &str) -> Result<usize, StoreError> {
        self.0
            .revocations()
            .end_family(user, family_id, Timestamp::now().unix_seconds())
            .await?;
        self.end_where(user, |row| get_s(row, "familyID") == Some(family_id))
            .await
    }

    /// Ends every session of `user` ("log out everywhere", deactivation, a password reset).
    pub async fn end_all(self, user: UserId) -> Result<usize, StoreError> {
        self.end_where(user, |_| true).await
    }

    async fn end_where(
        self,
        user: UserId,
        pick: impl Fn(&crate::items::Item) -> bool,
    ) -> Result<usize, StoreError> {
        let query = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_values(":pk", s(keys::user_sessions(user)));
        let rows = paging::all(query).await?;
        let mut ended = 0;
        for row in rows.iter().filter(|r| pick(r)) {
            let (Some(pk), Some(sk)) = (get_s(row, PK), get_s(row, keys::SK)) else {
                continue;
            };
            self.0
                .client
                .delete_item()
                .table_name(self.0.table())
                .set_key(Some(key(pk, sk)))
                .send()
                .await
                .map_err(|e| StoreError::dynamo("DeleteItem", e))?;
            ended += 1;
        }
        Ok(ended)
    }
}

fn new_session(user: UserId, family_id: String, ttl_seconds: i64) -> Session {
    let now = Timestamp::now();
    let expires_at = now.plus_seconds(ttl_seconds);
    Session {
        user_id: user,
        family_id,
        created_at: now,
        expires_at,
        replaced_at: None,
        ttl: expires_at.unix_seconds(),
    }
}

fn row(token_hash: &str, session: &Session) -> Result<crate::items::Item, StoreError> {
    item(
        session,
        &[
            (PK, keys::refresh_token(token_hash)),
            (keys::SK, META.to_string()),
            (GSI1PK, keys::user_sessions(session.user_id)),
            (
                GSI1SK,
                keys::sorted_by_time(&session.created_at, token_hash),
            ),
        ],
    )
}
