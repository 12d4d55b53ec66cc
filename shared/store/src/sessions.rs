//! Refresh sessions. Only the hash of a refresh token is stored; expired rows are ignored on
//! read, since DynamoDB removes them only eventually.

use domain::{Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::items::{item, key, parse};
use crate::keys::{self, GSI1PK, GSI1SK, META};
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct Sessions<'a>(pub(crate) &'a Store);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    #[serde(rename = "userID")]
    pub user_id: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    /// Epoch seconds: the attribute the table's TTL setting (`keys::TTL`) watches.
    pub ttl: i64,
}

impl Sessions<'_> {
    pub async fn create(
        self,
        token_hash: &str,
        user: UserId,
        ttl_seconds: i64,
    ) -> Result<Session, StoreError> {
        let now = Timestamp::now();
        let expires_at = now.plus_seconds(ttl_seconds);
        let session = Session {
            user_id: user,
            created_at: now,
            expires_at,
            ttl: expires_at.unix_seconds(),
        };
        let row = item(
            &session,
            &[
                (keys::PK, keys::refresh_token(token_hash)),
                (keys::SK, META.to_string()),
                (GSI1PK, keys::user_sessions(user)),
                (GSI1SK, keys::sorted_by_time(&now, token_hash)),
            ],
        )?;
        self.0.put_new(row).await?;
        Ok(session)
    }

    /// The live session for this token hash; `None` when unknown or expired.
    pub async fn get(self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        let item = self
            .0
            .get_item(key(keys::refresh_token(token_hash), META))
            .await?;
        let session: Option<Session> = item.map(parse).transpose()?;
        Ok(session.filter(|s| s.expires_at > Timestamp::now()))
    }

    pub async fn delete(self, token_hash: &str) -> Result<(), StoreError> {
        self.0
            .client
            .delete_item()
            .table_name(&self.0.table)
            .set_key(Some(key(keys::refresh_token(token_hash), META)))
            .send()
            .await
            .map_err(|e| StoreError::dynamo("DeleteItem", e))?;
        Ok(())
    }
}
