//! The writes that add a member, remove one or change their role, each on both rows, and the
//! one that moves the members version: `channels` and `conversations` put them in their own
//! transactions, beside what else the change needs.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, TransactWriteItem, Update};
use domain::channel::{ChannelRole, Member};
use domain::sidebar::Membership;
use domain::{Parent, Timestamp, UserId};

use super::{MEMBERS_VERSION, codec};
use crate::StoreError;
use crate::items::{Item, item, key, s};
use crate::keys::{self, PK, SK};
use crate::tx;

/// The write that moves `parent`'s members version, for a transaction whose other writes
/// change its members and touch no other attribute of its META row.
pub(crate) fn version_write(table: &str, parent: Parent) -> Result<TransactWriteItem, StoreError> {
    let update = Update::builder()
        .table_name(table)
        .set_key(Some(key(keys::parent(parent), keys::META)))
        .update_expression("ADD #version :one")
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .expression_attribute_names("#version", MEMBERS_VERSION)
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .build()
        .map_err(codec)?;
    Ok(TransactWriteItem::builder().update(update).build())
}

/// The writes that make `user` a member of `parent` with `role`, having read up to `read_to`
/// (the parent's last message when they join: what came before is history, not news); both
/// fail if already a member.
pub(crate) fn add_writes(
    table: &str,
    parent: Parent,
    user: UserId,
    role: ChannelRole,
    joined_at: Timestamp,
    read_to: u64,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    let member = item(
        &Member {
            user_id: user,
            role,
            joined_at,
        },
        &[(PK, keys::parent(parent)), (SK, keys::member(user))],
    )?;
    let mine = item(
        &Membership {
            parent_id: parent.to_string(),
            parent_type: parent.kind(),
            role,
            joined_at,
            favorite: false,
            muted: false,
            category_id: None,
            position: 0.0,
            last_read_seq: read_to,
            opened: false,
            mention_count: 0,
            notify_level: None,
        },
        &[(PK, keys::user(user)), (SK, keys::user_parent(parent))],
    )?;
    Ok(vec![tx::put_new(table, member)?, tx::put_new(table, mine)?])
}

/// The writes that remove `user` from `parent`, on the condition their role is still `role`.
pub(crate) fn remove_writes(
    table: &str,
    parent: Parent,
    user: UserId,
    role: ChannelRole,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    let member = Delete::builder()
        .table_name(table)
        .set_key(Some(key(keys::parent(parent), keys::member(user))))
        .condition_expression("#role = :role")
        .expression_attribute_names("#role", "role")
        .expression_attribute_values(":role", role_value(role))
        .build()
        .map_err(codec)?;
    let mine = Delete::builder()
        .table_name(table)
        .set_key(Some(key(keys::user(user), keys::user_parent(parent))))
        .build()
        .map_err(codec)?;
    Ok(vec![
        TransactWriteItem::builder().delete(member).build(),
        TransactWriteItem::builder().delete(mine).build(),
    ])
}

/// The writes that change `user`'s role from `from` to `to` on both rows.
pub(crate) fn role_writes(
    table: &str,
    parent: Parent,
    user: UserId,
    from: ChannelRole,
    to: ChannelRole,
) -> Result<Vec<TransactWriteItem>, StoreError> {
    let update = |k: Item, guard: bool| {
        let mut u = Update::builder()
            .table_name(table)
            .set_key(Some(k))
            .update_expression("SET #role = :to")
            .expression_attribute_names("#role", "role")
            .expression_attribute_values(":to", role_value(to));
        if guard {
            u = u
                .condition_expression("#role = :from")
                .expression_attribute_values(":from", role_value(from));
        } else {
            u = u
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#pk", PK);
        }
        u.build()
            .map(|u| TransactWriteItem::builder().update(u).build())
            .map_err(codec)
    };
    Ok(vec![
        update(key(keys::parent(parent), keys::member(user)), true)?,
        update(key(keys::user(user), keys::user_parent(parent)), false)?,
    ])
}

pub(crate) fn role_value(role: ChannelRole) -> AttributeValue {
    s(match role {
        ChannelRole::Member => "member",
        ChannelRole::Admin => "admin",
        ChannelRole::Owner => "owner",
    })
}
