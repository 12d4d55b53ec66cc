//! Memberships of channels and conversations: a parent-side row (`<parent>` / `MEMBER#<uid>`,
//! for member lists and fan-out) and a user-side row (`USER#<uid>` / `<parent>`, the user's
//! sidebar settings and read point). Both always change in one transaction.
//!
//! Every change of who is in a parent, or of a member's mute, also moves the parent's
//! `membersVersion` (on its META row) in the same transaction. The member list cached for
//! fan-out (`realtime::audience`) is good only for the version it was read at, so a removal
//! takes effect at the very next event, whatever happened to the cache.

use aws_sdk_dynamodb::types::{AttributeValue, Delete, ReturnValue, TransactWriteItem, Update};
use domain::channel::{ChannelRole, Member, MemberPage};
use domain::sidebar::{Membership, UpdateMembership};
use domain::{Parent, ParentType, Timestamp, UserId};

use crate::items::{Item, get_s, item, key, parse, s};
use crate::keys::{self, PK, SK};
use crate::tx;
use crate::{Store, StoreError, cursor, paging};

#[derive(Clone, Copy)]
pub struct Memberships<'a>(pub(crate) &'a Store);

/// The META attribute that counts changes of the members (see the module doc). Absent is 0.
pub(crate) const MEMBERS_VERSION: &str = "membersVersion";

/// The members of a parent with whether each muted it, as of `version`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberList {
    pub version: u64,
    pub members: Vec<(UserId, bool)>,
}

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

/// The writes that make `user` a member of `parent` with `role`; both fail if already a member.
pub(crate) fn add_writes(
    table: &str,
    parent: Parent,
    user: UserId,
    role: ChannelRole,
    joined_at: Timestamp,
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
            last_read_seq: 0,
            opened: false,
            mention_count: 0,
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

fn codec(e: impl std::fmt::Display) -> StoreError {
    StoreError::Codec(e.to_string())
}

impl Memberships<'_> {
    /// `user`'s role in `parent`, or `None` when not a member. One strongly consistent read, so
    /// a removal takes effect at once.
    pub async fn role_of(
        self,
        parent: Parent,
        user: UserId,
    ) -> Result<Option<ChannelRole>, StoreError> {
        let role = self
            .0
            .get_attribute(key(keys::parent(parent), keys::member(user)), "role", true)
            .await?;
        Ok(role
            .as_ref()
            .and_then(|r| r.as_s().ok())
            .map(|r| match r.as_str() {
                "owner" => ChannelRole::Owner,
                "admin" => ChannelRole::Admin,
                _ => ChannelRole::Member,
            }))
    }

    /// `user`'s own row for `parent`.
    pub async fn get(self, parent: Parent, user: UserId) -> Result<Option<Membership>, StoreError> {
        let found = self
            .0
            .get_item(key(keys::user(user), keys::user_parent(parent)))
            .await?;
        found.map(parse).transpose()
    }

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

    /// The user's rows of one kind (all pages).
    pub async fn for_user(
        self,
        user: UserId,
        kind: ParentType,
    ) -> Result<Vec<Membership>, StoreError> {
        let prefix = match kind {
            ParentType::Channel => keys::CHAN_PREFIX,
            ParentType::Conversation => keys::CONV_PREFIX,
        };
        let query = self.0.prefix_query(keys::user(user), prefix);
        paging::all(query).await?.into_iter().map(parse).collect()
    }

    /// Changes the user's own settings of a row. `None` when they are not a member.
    pub async fn update(
        self,
        parent: Parent,
        user: UserId,
        change: &UpdateMembership,
    ) -> Result<Option<Membership>, StoreError> {
        let mut sets = Vec::new();
        let mut request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::user_parent(parent))))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .return_values(ReturnValue::AllNew);
        if let Some(favorite) = change.favorite {
            sets.push("favorite = :favorite");
            request =
                request.expression_attribute_values(":favorite", AttributeValue::Bool(favorite));
        }
        if let Some(muted) = change.muted {
            sets.push("muted = :muted");
            request = request.expression_attribute_values(":muted", AttributeValue::Bool(muted));
        }
        if let Some(category) = change.category_id {
            sets.push("categoryID = :category");
            let value = match category {
                Some(id) => s(id.to_string()),
                None => AttributeValue::Null(true),
            };
            request = request.expression_attribute_values(":category", value);
        }
        if let Some(position) = change.position {
            sets.push("#position = :position");
            request = request
                .expression_attribute_names("#position", "position")
                .expression_attribute_values(":position", AttributeValue::N(position.to_string()));
        }
        if sets.is_empty() {
            return self.get(parent, user).await;
        }
        let result = request
            .update_expression(format!("SET {}", sets.join(", ")))
            .send()
            .await;
        let row: Option<Membership> = crate::items::updated(result)?;
        if let (Some(muted), Some(_)) = (change.muted, &row) {
            // The parent-side row carries the mute too, so a send learns it with the members;
            // the members version moves with it, so a cached member list is read again.
            let member = Update::builder()
                .table_name(self.0.table())
                .set_key(Some(key(keys::parent(parent), keys::member(user))))
                .update_expression("SET muted = :muted")
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#pk", PK)
                .expression_attribute_values(":muted", AttributeValue::Bool(muted))
                .build()
                .map_err(codec)?;
            let writes = vec![
                TransactWriteItem::builder().update(member).build(),
                version_write(self.0.table(), parent)?,
            ];
            // A failed condition: they left meanwhile, and their row went with them.
            tx::write(self.0, writes).await?.ok();
        }
        Ok(row)
    }

    /// Moves the read point forward to `seq` (never back: a slow device cannot undo a newer
    /// read); reading up to the newest message (`caught_up`) clears the mention count. `None`
    /// when not a member.
    pub async fn mark_read(
        self,
        parent: Parent,
        user: UserId,
        seq: u64,
        caught_up: bool,
    ) -> Result<Option<Membership>, StoreError> {
        let request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::user_parent(parent))))
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":seq", AttributeValue::N(seq.to_string()))
            .return_values(ReturnValue::AllNew);
        // Caught up: also clear mentions (thread replies mention without moving `seq`, so an
        // equal read point still clears them).
        let request = if caught_up {
            request
                .update_expression("SET lastReadSeq = :seq, mentionCount = :zero")
                .condition_expression(
                    "attribute_exists(#pk) AND (attribute_not_exists(lastReadSeq) OR lastReadSeq <= :seq)",
                )
                .expression_attribute_values(":zero", AttributeValue::N("0".into()))
        } else {
            request
                .update_expression("SET lastReadSeq = :seq")
                .condition_expression(
                    "attribute_exists(#pk) AND (attribute_not_exists(lastReadSeq) OR lastReadSeq < :seq)",
                )
        };
        let result = request.send().await;
        match crate::items::updated(result)? {
            Some(row) => Ok(Some(row)),
            // Already read this far (or not a member): the row as it is says which.
            None => self.get(parent, user).await,
        }
    }

    /// Counts one more mention for `user`; `None` when they are not a member.
    pub async fn count_mention(
        self,
        parent: Parent,
        user: UserId,
    ) -> Result<Option<Membership>, StoreError> {
        self.update_row(
            parent,
            user,
            "ADD mentionCount :v",
            AttributeValue::N("1".into()),
        )
        .await
    }

    /// Marks a conversation as opened by `user`: it shows in their sidebar from now on.
    /// `None` when not a participant.
    pub async fn mark_opened(
        self,
        parent: Parent,
        user: UserId,
    ) -> Result<Option<Membership>, StoreError> {
        self.update_row(parent, user, "SET opened = :v", AttributeValue::Bool(true))
            .await
    }

    /// Sets the read point to exactly `seq` (mark unread from a message).
    pub async fn set_read(
        self,
        parent: Parent,
        user: UserId,
        seq: u64,
    ) -> Result<Option<Membership>, StoreError> {
        self.update_row(
            parent,
            user,
            "SET lastReadSeq = :v",
            AttributeValue::N(seq.to_string()),
        )
        .await
    }

    /// One update (`expression`, with `:v` bound to `value`) of the user's own row; `None`
    /// when they are not a member.
    async fn update_row(
        self,
        parent: Parent,
        user: UserId,
        expression: &str,
        value: AttributeValue,
    ) -> Result<Option<Membership>, StoreError> {
        let result = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::user_parent(parent))))
            .update_expression(expression)
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":v", value)
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        crate::items::updated(result)
    }
}
