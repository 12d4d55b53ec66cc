//! Handles: the locks that keep each handle (and anything that looks like it) one person's,
//! changing a handle, and finding people by handle.

use aws_sdk_dynamodb::types::{ConditionCheck, TransactWriteItem, Update};
use domain::UserId;
use domain::user::{Handle, User};

use super::{Users, codec, lock_put};
use crate::error::unless_condition_failed;
use crate::items::{get_s, key, s};
use crate::keys::{self, LOCK, PROFILE};
use crate::{StoreError, tx};

/// The writes that keep `handle` (replacing `previous`, when changing) from looking like
/// anyone else's: its skeleton's lock, taken or already ours; and, because accounts from before
/// skeleton locks hold only the exact lock of their handle, a check that nobody else has the
/// skeleton itself as their handle (`alice` for `a1ice`). Accounts whose older handle is not its
/// own skeleton (`al.ice`) are covered once migration 0001 (`migrate run`) has written their
/// skeleton locks. Each write fails when the handle is too like another's.
pub(super) fn look_alike_claims(
    table: &str,
    user: UserId,
    handle: &str,
    previous: Option<&str>,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    let me = s(user.to_string());
    let skeleton = domain::user::handle_skeleton(handle);
    let mut lock = key(keys::handle_skeleton(&skeleton), LOCK);
    lock.insert("userID".into(), me.clone());
    let put = aws_sdk_dynamodb::types::Put::builder()
        .table_name(table)
        .set_item(Some(lock))
        .condition_expression("attribute_not_exists(#pk) OR userID = :me")
        .expression_attribute_names("#pk", keys::PK)
        .expression_attribute_values(":me", me.clone())
        .build()
        .map_err(codec)?;
    let mut writes = vec![TransactWriteItem::builder().put(put).build()];
    // One transaction may touch an item once: the exact locks of `handle` and `previous` are
    // written by the caller already.
    if skeleton != handle && Some(skeleton.as_str()) != previous {
        let check = ConditionCheck::builder()
            .table_name(table)
            .set_key(Some(key(keys::handle(&skeleton), LOCK)))
            .condition_expression("attribute_not_exists(#pk) OR userID = :me")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":me", me)
            .build()
            .map_err(codec)?;
        writes.push(TransactWriteItem::builder().condition_check(check).build());
    }
    Ok(writes)
}

impl Users<'_> {
    /// Moves `user` to a new handle: the new locks (exact and look-alike) are taken and the old
    /// ones freed with the profile change, in one transaction. `Ok(false)` when the handle, or
    /// one that looks like it, is someone else's.
    pub async fn change_handle(self, user: &User, handle: &Handle) -> Result<bool, StoreError> {
        use aws_sdk_dynamodb::types::Delete;
        let handle = handle.as_str();
        let table = self.0.table();
        let profile = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::user(user.id), PROFILE)))
            .update_expression("SET handle = :handle")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":handle", s(handle))
            .build()
            .map_err(codec)?;
        let release = Delete::builder()
            .table_name(table)
            .set_key(Some(key(keys::handle(&user.handle), LOCK)))
            .condition_expression("attribute_not_exists(#pk) OR userID = :me")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":me", s(user.id.to_string()))
            .build()
            .map_err(codec)?;
        let mut writes = vec![
            lock_put(table, keys::handle(handle), user.id)?,
            TransactWriteItem::builder().update(profile).build(),
            TransactWriteItem::builder().delete(release).build(),
        ];
        writes.extend(look_alike_claims(
            table,
            user.id,
            handle,
            Some(&user.handle),
        )?);
        let old_skeleton = domain::user::handle_skeleton(&user.handle);
        if old_skeleton != domain::user::handle_skeleton(handle) {
            let release = Delete::builder()
                .table_name(table)
                .set_key(Some(key(keys::handle_skeleton(&old_skeleton), LOCK)))
                .condition_expression("attribute_not_exists(#pk) OR userID = :me")
                .expression_attribute_names("#pk", keys::PK)
                .expression_attribute_values(":me", s(user.id.to_string()))
                .build()
                .map_err(codec)?;
            writes.push(TransactWriteItem::builder().delete(release).build());
        }
        Ok(tx::write(self.0, writes).await?.is_ok())
    }

    /// The users these handles belong to (unknown handles are left out).
    pub async fn by_handles(self, handles: &[&str]) -> Result<Vec<(String, UserId)>, StoreError> {
        let locks = self
            .0
            .batch_get(handles.iter().map(|h| key(keys::handle(h), LOCK)).collect())
            .await?;
        Ok(locks
            .iter()
            .filter_map(|lock| {
                let handle = keys::parse_handle(get_s(lock, keys::PK)?)?.to_string();
                let user = get_s(lock, "userID")?.parse().ok()?;
                Some((handle, user))
            })
            .collect())
    }

    /// Gives an account from before look-alike locks the lock of its handle's skeleton
    /// (migration 0001 (`migrate run`); harmless to run twice). `Ok(false)` when another account
    /// holds it already: two handles that looked alike before the locks existed, left as they
    /// are for an admin to settle.
    pub async fn backfill_handle_lock(self, user: &User) -> Result<bool, StoreError> {
        let skeleton = domain::user::handle_skeleton(&user.handle);
        let mut lock = key(keys::handle_skeleton(&skeleton), LOCK);
        lock.insert("userID".into(), s(user.id.to_string()));
        let result = self
            .0
            .client
            .put_item()
            .table_name(self.0.table())
            .set_item(Some(lock))
            .condition_expression("attribute_not_exists(#pk) OR userID = :me")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":me", s(user.id.to_string()))
            .send()
            .await;
        Ok(unless_condition_failed("PutItem", result)?.is_some())
    }
}
