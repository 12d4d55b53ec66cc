//! Passwords of password accounts (guests who came by invite), and password reset links. A
//! password is kept only as an argon2id PHC string in its own item (`USER#<uid>` /
//! `CREDENTIAL`), never in the profile, so no read of a profile can leak it. A reset link is
//! kept only as the hash of its token, expires (TTL, and refused on read), works once, and
//! stops working once the password changed after it was issued.

use aws_sdk_dynamodb::types::{Delete, TransactWriteItem, Update};
use domain::user::User;
use domain::{Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::items::{Item, get_s, item, key, parse, s};
use crate::keys::{self, CREDENTIAL, LOCK, META, PK, PROFILE, SK};
use crate::{Store, StoreError, tx};

#[derive(Clone, Copy)]
pub struct Credentials<'a>(pub(crate) &'a Store);

/// A password account's password.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    /// The argon2id PHC string.
    pub password_hash: String,
    /// When the password was last set, in epoch milliseconds: reset links issued before then
    /// no longer work.
    pub changed_at: i64,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("changed_at", &self.changed_at)
            .finish_non_exhaustive()
    }
}

/// A pending password reset link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordReset {
    #[serde(rename = "userID")]
    pub user_id: UserId,
    /// Epoch milliseconds.
    pub issued_at: i64,
    pub expires_at: Timestamp,
    /// Epoch seconds: the attribute the table's TTL setting (`keys::TTL`) watches.
    pub ttl: i64,
}

fn now_millis() -> i64 {
    i64::try_from(Timestamp::now().0.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

fn codec(e: aws_sdk_dynamodb::error::BuildError) -> StoreError {
    StoreError::Codec(e.to_string())
}

/// The credential item of `user`, set now.
pub(crate) fn credential_row(user: UserId, password_hash: &str) -> Result<Item, StoreError> {
    let credential = Credential {
        password_hash: password_hash.to_string(),
        changed_at: now_millis(),
    };
    item(
        &credential,
        &[(PK, keys::user(user)), (SK, CREDENTIAL.to_string())],
    )
}

impl Credentials<'_> {
    /// The account with this email and its password, if it has one. Takes the same two round
    /// trips whether or not the account exists, so a sign-in's timing does not tell.
    pub async fn for_login(
        self,
        email: &str,
    ) -> Result<Option<(User, Option<Credential>)>, StoreError> {
        let lock = self.0.get_item(key(keys::email_lock(email), LOCK)).await?;
        let found: Option<UserId> = lock
            .as_ref()
            .and_then(|l| get_s(l, "userID"))
            .and_then(|id| id.parse().ok());
        // With no account, read the items of an id nobody has: the same work, nothing found.
        let id = found.unwrap_or(UserId(ulid::Ulid::nil()));
        let rows = self
            .0
            .batch_get(vec![
                key(keys::user(id), PROFILE),
                key(keys::user(id), CREDENTIAL),
            ])
            .await?;
        let mut user = None;
        let mut credential = None;
        for row in rows {
            match get_s(&row, SK) {
                Some(PROFILE) => user = Some(parse::<User>(row)?),
                Some(CREDENTIAL) => credential = Some(parse::<Credential>(row)?),
                _ => {}
            }
        }
        Ok(user.map(|user| (user, credential)))
    }

    /// The password of `user`, if they have one.
    pub async fn get(self, user: UserId) -> Result<Option<Credential>, StoreError> {
        let row = self.0.get_item(key(keys::user(user), CREDENTIAL)).await?;
        row.map(parse).transpose()
    }

    /// Stores a reset link for `user` whose token hashes to `token_hash`, working for
    /// `ttl_seconds`.
    pub async fn create_reset(
        self,
        token_hash: &str,
        user: UserId,
        ttl_seconds: i64,
    ) -> Result<PasswordReset, StoreError> {
        let expires_at = Timestamp::now().plus_seconds(ttl_seconds);
        let reset = PasswordReset {
            user_id: user,
            issued_at: now_millis(),
            expires_at,
            ttl: expires_at.unix_seconds(),
        };
        self.0
            .put_new(item(
                &reset,
                &[
                    (PK, keys::password_reset(token_hash)),
                    (SK, META.to_string()),
                ],
            )?)
            .await?;
        Ok(reset)
    }

    /// The reset link whose token hashes to `token_hash`, expired or not (the caller says
    /// which); `None` when there is none (never was, or used).
    pub async fn reset(self, token_hash: &str) -> Result<Option<PasswordReset>, StoreError> {
        let row = self
            .0
            .get_item(key(keys::password_reset(token_hash), META))
            .await?;
        row.map(parse).transpose()
    }

    /// Uses the reset link: in one transaction, deletes it (only while unexpired) and sets the
    /// password of its user to `password_hash`, only if the password has not changed since the
    /// link was issued. `false` when any of that no longer held.
    pub async fn reset_password(
        self,
        token_hash: &str,
        reset: &PasswordReset,
        password_hash: &str,
    ) -> Result<bool, StoreError> {
        let table = self.0.table();
        let consume = Delete::builder()
            .table_name(table)
            .set_key(Some(key(keys::password_reset(token_hash), META)))
            .condition_expression("attribute_exists(#pk) AND #ttl > :now")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#ttl", keys::TTL)
            .expression_attribute_values(
                ":now",
                serde_dynamo::to_attribute_value(Timestamp::now().unix_seconds())?,
            )
            .build()
            .map_err(codec)?;
        let set = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::user(reset.user_id), CREDENTIAL)))
            .update_expression("SET passwordHash = :hash, changedAt = :now")
            .condition_expression("attribute_exists(#pk) AND changedAt <= :issued")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":hash", s(password_hash))
            .expression_attribute_values(":now", serde_dynamo::to_attribute_value(now_millis())?)
            .expression_attribute_values(
                ":issued",
                serde_dynamo::to_attribute_value(reset.issued_at)?,
            )
            .build()
            .map_err(codec)?;
        let writes = vec![
            TransactWriteItem::builder().delete(consume).build(),
            TransactWriteItem::builder().update(set).build(),
        ];
        Ok(tx::write(self.0, writes).await?.is_ok())
    }
}
