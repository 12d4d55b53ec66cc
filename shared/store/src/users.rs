//! Users, with their unique-email lock and identity-provider subject lock.

mod handles;
mod roles;

use aws_sdk_dynamodb::types::TransactWriteItem;
use domain::user::{User, UserPage, UserView};
use domain::{Timestamp, UserId};

use crate::items::{get_s, item, key, parse, s};
use crate::keys::{self, GSI2PK, GSI2SK, LOCK, PROFILE};
use crate::tx::{self, Failed};
use crate::{Store, StoreError, cursor, paging};

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
    /// Another account has this handle.
    HandleTaken,
}

fn lock_put(table: &str, pk: String, user: UserId) -> Result<TransactWriteItem, StoreError> {
    let mut lock = key(pk, LOCK);
    lock.insert("userID".into(), s(user.to_string()));
    tx::put_new(table, lock)
}

fn codec(e: aws_sdk_dynamodb::error::BuildError) -> StoreError {
    StoreError::Codec(e.to_string())
}

/// The lower-cased display name, which people search matches (with the handle, stored
/// lower-case already). Email addresses are deliberately kept out of it: user views never show
/// them, so a search that matched inside them would let anyone spell them out letter by letter.
pub(crate) const NAME_SEARCH: &str = "nameSearch";

/// What an earlier version searched: the name and the email together. No longer written or
/// read; migration 0001 (`migrate run`) removes it from older items.
const LEGACY_SEARCH: &str = "searchName";

pub(crate) fn name_search(display_name: &str) -> String {
    display_name.to_lowercase()
}

/// The writes that make an account: the profile and its email and handle locks, each failing
/// when taken, with what each failure means (`None`: the user id exists). Other creations (an
/// accepted invite) add their own writes to the same transaction.
pub(crate) fn account_writes(
    table: &str,
    user: &User,
) -> Result<(Vec<TransactWriteItem>, Vec<Option<CreateConflict>>), StoreError> {
    let mut profile = item(
        user,
        &[
            (keys::PK, keys::user(user.id)),
            (keys::SK, PROFILE.to_string()),
            (GSI2PK, keys::ALL_USERS.to_string()),
            (GSI2SK, keys::sorted_by_time(&user.created_at, user.id)),
        ],
    )?;
    profile.insert(NAME_SEARCH.into(), s(name_search(&user.display_name)));
    let mut writes = vec![
        tx::put_new(table, profile)?,
        lock_put(table, keys::email_lock(&user.email), user.id)?,
        lock_put(table, keys::handle(&user.handle), user.id)?,
    ];
    let mut conflicts = vec![
        None,
        Some(CreateConflict::EmailTaken),
        Some(CreateConflict::HandleTaken),
    ];
    let look_alike = handles::look_alike_claims(table, user.id, &user.handle, None)?;
    conflicts.extend(look_alike.iter().map(|_| Some(CreateConflict::HandleTaken)));
    writes.extend(look_alike);
    Ok((writes, conflicts))
}

/// Which accounts a page of users holds, and what a search matches in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Active accounts only, searched by name and handle: the roster people pick from.
    Active,
    /// Every account, deactivated ones too, searched by name, handle and email: the admin
    /// directory (admins see email addresses anyway).
    All,
}

/// One page of users, oldest account first, and the cursor to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub users: Vec<User>,
    pub next_cursor: Option<String>,
}

impl Users<'_> {
    /// One page of active users, oldest account first; `search` (lower-case) must appear in the
    /// name or handle. `None` when the cursor is not one we gave out.
    pub async fn page(
        self,
        search: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Option<UserPage>, StoreError> {
        Ok(self
            .list(Listing::Active, search, cursor, limit)
            .await?
            .map(|page| UserPage {
                items: page.users.iter().map(UserView::from).collect(),
                next_cursor: page.next_cursor,
            }))
    }

    /// One page of the accounts `listing` names, oldest first; `search` (lower-case) must appear
    /// in what that listing searches. `None` when the cursor is not one we gave out.
    pub async fn list(
        self,
        listing: Listing,
        search: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Option<Page>, StoreError> {
        let start = match cursor {
            Some(c) => match cursor::decode_key(c, &[keys::PK, keys::SK, GSI2PK, GSI2SK]) {
                Some(start) if get_s(&start, GSI2PK) == Some(keys::ALL_USERS) => Some(start),
                _ => return Ok(None),
            },
            None => None,
        };
        let mut query = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .index_name(keys::GSI2)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", GSI2PK)
            .expression_attribute_values(":pk", s(keys::ALL_USERS));
        let mut filters = Vec::new();
        if listing == Listing::Active {
            filters.push("#status = :active");
            query = query
                .expression_attribute_names("#status", "status")
                .expression_attribute_values(":active", s("active"));
        }
        if !search.is_empty() {
            query = query
                .expression_attribute_names("#name", NAME_SEARCH)
                .expression_attribute_names("#handle", "handle")
                .expression_attribute_values(":q", s(search));
            if listing == Listing::All {
                filters
                    .push("(contains(#name, :q) OR contains(#handle, :q) OR contains(#email, :q))");
                query = query.expression_attribute_names("#email", "email");
            } else {
                filters.push("(contains(#name, :q) OR contains(#handle, :q))");
            }
        }
        if !filters.is_empty() {
            query = query.filter_expression(filters.join(" AND "));
        }
        let (rows, next) = paging::page(query, limit, start).await?;
        Ok(Some(Page {
            users: rows.into_iter().map(parse).collect::<Result<_, _>>()?,
            next_cursor: next.as_ref().map(cursor::encode_key),
        }))
    }

    /// Writes the user, the email lock, the subject lock and (when `claim_first_admin`) the
    /// workspace's first-admin claim in one transaction: all or nothing.
    pub async fn create(
        self,
        user: &User,
        subject: Option<Subject<'_>>,
        claim_first_admin: bool,
    ) -> Result<Result<(), CreateConflict>, StoreError> {
        let table = self.0.table();
        let (mut writes, mut conflicts) = account_writes(table, user)?;
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
            self.0.table(),
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
        let found = self
            .0
            .batch_get(ids.iter().map(|id| key(keys::user(*id), PROFILE)).collect())
            .await?;
        found.into_iter().map(parse).collect()
    }

    /// Gives an account written before `nameSearch` existed its search text, and drops the old
    /// one that held the email (migration 0001 (`migrate run`); harmless to run twice).
    /// `Ok(false)` when the account is gone.
    pub async fn backfill_name_search(self, user: &User) -> Result<bool, StoreError> {
        let result = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user.id), PROFILE)))
            .update_expression("SET #search = :search REMOVE #legacy")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#search", NAME_SEARCH)
            .expression_attribute_names("#legacy", LEGACY_SEARCH)
            .expression_attribute_values(":search", s(name_search(&user.display_name)))
            .return_values(aws_sdk_dynamodb::types::ReturnValue::AllNew)
            .send()
            .await;
        Ok(crate::items::updated::<User>(result)?.is_some())
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
        handle: domain::user::derived_handle(email),
        display_name,
        role,
        status: domain::user::UserStatus::Active,
        provider: domain::user::AuthProvider::Oidc,
        created_at: Timestamp::now(),
        custom_status: None,
        time_zone: None,
        avatar: None,
        theme: Default::default(),
    }
}
