//! Users, with their unique-email lock and identity-provider subject lock.

use aws_sdk_dynamodb::types::{KeysAndAttributes, TransactWriteItem};
use domain::user::User;
use domain::{Timestamp, UserId};

use crate::items::{get_s, item, key, parse, s};
use crate::keys::{self, GSI2PK, GSI2SK, LOCK, PROFILE};
use crate::tx::{self, Failed};
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct Users<'a>(pub(crate) &'a Store);

/// The identity-provider account a user signs in with.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub issuer: &'a str,
    pub subject: &'a str,
}

/// Why a create failed: the caller decides what each means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateConflict {
    /// Someone else already became the first admin.
    FirstAdminTaken,
    /// An account with this email exists.
    EmailTaken,
    /// This provider account is already linked.
    SubjectTaken,
}

fn lock_put(table: &str, pk: String, user: UserId) -> Result<TransactWriteItem, StoreError> {
    let mut lock = key(pk, LOCK);
    lock.insert("userID".into(), s(user.to_string()));
    tx::put_new(table, lock)
}

impl Users<'_> {
    /// Writes the user, the email lock, the subject lock and (when `claim_first_admin`) the
    /// workspace's first-admin claim in one transaction: all or nothing.
    pub async fn create(
        self,
        user: &User,
        subject: Option<Subject<'_>>,
        claim_first_admin: bool,
    ) -> Result<Result<(), CreateConflict>, StoreError> {
        let table = &self.0.table;
        let profile = item(
            user,
            &[
                (keys::PK, keys::user(user.id)),
                (keys::SK, PROFILE.to_string()),
                (GSI2PK, keys::ALL_USERS.to_string()),
                (GSI2SK, keys::sorted_by_time(&user.created_at, user.id)),
            ],
        )?;
        let mut writes = vec![
            tx::put_new(table, profile)?,
            lock_put(table, keys::email_lock(&user.email), user.id)?,
        ];
        let mut conflicts = vec![None, Some(CreateConflict::EmailTaken)];
        if let Some(subject) = subject {
            writes.push(lock_put(
                table,
                keys::oidc_subject_lock(subject.issuer, subject.subject),
                user.id,
            )?);
            conflicts.push(Some(CreateConflict::SubjectTaken));
        }
        if claim_first_admin {
            let mut claim = key(keys::WORKSPACE, keys::FIRST_ADMIN);
            claim.insert("userID".into(), s(user.id.to_string()));
            writes.push(tx::put_new(table, claim)?);
            conflicts.push(Some(CreateConflict::FirstAdminTaken));
        }
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(Ok(())),
            Err(Failed(index)) => match conflicts.get(index).cloned().flatten() {
                Some(conflict) => Ok(Err(conflict)),
                None => Err(StoreError::Conflict("user id already exists")),
            },
        }
    }

    /// Links a provider account to an existing user (first SSO sign-in of an invited user).
    pub async fn link_subject(
        self,
        user: UserId,
        subject: Subject<'_>,
    ) -> Result<bool, StoreError> {
        let write = lock_put(
            &self.0.table,
            keys::oidc_subject_lock(subject.issuer, subject.subject),
            user,
        )?;
        Ok(tx::write(self.0, vec![write]).await?.is_ok())
    }

    pub async fn get(self, id: UserId) -> Result<Option<User>, StoreError> {
        let item = self.0.get_item(key(keys::user(id), PROFILE)).await?;
        item.map(parse).transpose()
    }

    async fn by_lock(self, pk: String) -> Result<Option<User>, StoreError> {
        let item = self.0.get_item(key(pk, LOCK)).await?;
        let Some(id) = item
            .as_ref()
            .and_then(|i| get_s(i, "userID"))
            .and_then(|v| v.parse().ok())
        else {
            return Ok(None);
        };
        self.get(id).await
    }

    pub async fn by_email(self, email: &str) -> Result<Option<User>, StoreError> {
        self.by_lock(keys::email_lock(email)).await
    }

    pub async fn by_subject(self, subject: Subject<'_>) -> Result<Option<User>, StoreError> {
        self.by_lock(keys::oidc_subject_lock(subject.issuer, subject.subject))
            .await
    }

    /// Users by id, skipping unknown ids. At most 100 ids (the caller enforces the limit).
    pub async fn batch_get(self, ids: &[UserId]) -> Result<Vec<User>, StoreError> {
        let mut unique: Vec<UserId> = ids.to_vec();
        unique.sort();
        unique.dedup();
        let mut users = Vec::with_capacity(unique.len());
        for chunk in unique.chunks(100) {
            let mut pending = KeysAndAttributes::builder()
                .set_keys(Some(
                    chunk
                        .iter()
                        .map(|id| key(keys::user(*id), PROFILE))
                        .collect(),
                ))
                .build()
                .map_err(|e| StoreError::Codec(e.to_string()))?;
            // BatchGetItem may return only part; retry what it leaves unprocessed.
            for _ in 0..8 {
                let out = self
                    .0
                    .client
                    .batch_get_item()
                    .request_items(&self.0.table, pending)
                    .send()
                    .await
                    .map_err(|e| StoreError::dynamo("BatchGetItem", e))?;
                for found in out
                    .responses
                    .unwrap_or_default()
                    .remove(&self.0.table)
                    .unwrap_or_default()
                {
                    users.push(parse(found)?);
                }
                match out
                    .unprocessed_keys
                    .unwrap_or_default()
                    .remove(&self.0.table)
                {
                    Some(rest) if !rest.keys.is_empty() => pending = rest,
                    _ => break,
                }
            }
        }
        Ok(users)
    }

    /// Whether any user exists yet (a first sign-in may become admin).
    pub async fn first_admin_claimed(self) -> Result<bool, StoreError> {
        let item = self
            .0
            .get_item(key(keys::WORKSPACE, keys::FIRST_ADMIN))
            .await?;
        Ok(item.is_some())
    }
}

/// A new active user created now.
pub fn new_user(email: &str, display_name: String, role: domain::user::Role) -> User {
    User {
        id: UserId::new(),
        email: email.to_string(),
        display_name,
        role,
        status: domain::user::UserStatus::Active,
        created_at: Timestamp::now(),
    }
}
