//! Channels: metadata, slug locks (a slug, once used, keeps pointing at its channel so old links
//! resolve), the public directory (a sparse GSI2 of open public channels), and channel
//! memberships, whose rows change in one transaction with the channel's owner count.

use aws_sdk_dynamodb::types::{AttributeValue, Put, ReturnValue, TransactWriteItem, Update};
use domain::channel::{
    Channel, ChannelPage, ChannelRole, ChannelType, GENERAL_DESCRIPTION, GENERAL_NAME,
};
use domain::{ChannelId, Parent, Timestamp, UserId};

use crate::items::{Item, get_s, item, key, parse, s};
use crate::keys::{self, GSI2, GSI2PK, GSI2SK, LOCK, META, PK, SK};
use crate::memberships::{MEMBERS_VERSION, add_writes, remove_writes, role_writes, version_write};
use crate::tx::{self, Failed};
use crate::{Store, StoreError, cursor, paging};

#[derive(Clone, Copy)]
pub struct Channels<'a>(pub(crate) &'a Store);

#[derive(Debug, PartialEq, Eq)]
pub enum AddMember {
    Added,
    AlreadyMember,
    /// The channel is archived or gone.
    Closed,
}

#[derive(Debug, PartialEq, Eq)]
pub enum RemoveMember {
    Removed,
    /// Not a member, or their role changed meanwhile.
    Stale,
    /// They are the only owner: someone else must be made owner first.
    LastOwner,
}

#[derive(Debug, PartialEq)]
pub enum Rename {
    Renamed(Channel),
    SlugTaken,
    NotFound,
}

fn codec(e: impl std::fmt::Display) -> StoreError {
    StoreError::Codec(e.to_string())
}

impl Channels<'_> {
    fn meta_item(channel: &Channel, owners: u32) -> Result<Item, StoreError> {
        let mut keys_ = vec![(PK, keys::channel(channel.id)), (SK, META.to_string())];
        if channel.kind == ChannelType::Public && !channel.archived {
            keys_.push((GSI2PK, keys::PUBLIC_CHANNELS.to_string()));
            keys_.push((
                GSI2SK,
                keys::sorted_by_time(&channel.created_at, channel.id),
            ));
        }
        let mut meta = item(channel, &keys_)?;
        meta.insert("ownerCount".into(), AttributeValue::N(owners.to_string()));
        Ok(meta)
    }

    fn slug_lock(&self, slug: &str, channel: ChannelId) -> Item {
        let mut lock = key(keys::channel_slug(slug), LOCK);
        lock.insert("channelID".into(), s(channel.to_string()));
        lock
    }

    /// Creates the channel, its slug lock and the creator's owner membership together.
    /// `Ok(false)` when the slug is taken (now, or by a channel that once had it).
    pub async fn create(self, channel: &Channel, owner: UserId) -> Result<bool, StoreError> {
        let table = self.0.table();
        let mut writes = vec![
            tx::put_new(table, Self::meta_item(channel, 1)?)?,
            tx::put_new(table, self.slug_lock(&channel.slug, channel.id))?,
        ];
        writes.extend(add_writes(
            table,
            Parent::Channel(channel.id),
            owner,
            ChannelRole::Owner,
            channel.created_at,
            0,
        )?);
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(true),
            Err(Failed(_)) => Ok(false),
        }
    }

    /// #general, created on first need with a fixed id and no owner (system admins manage it);
    /// later calls only read it.
    pub async fn ensure_general(self, creator: UserId) -> Result<Channel, StoreError> {
        if let Some(general) = self.get(ChannelId::GENERAL).await? {
            return Ok(general);
        }
        let general = Channel {
            id: ChannelId::GENERAL,
            name: GENERAL_NAME.to_string(),
            slug: GENERAL_NAME.to_string(),
            description: GENERAL_DESCRIPTION.to_string(),
            kind: ChannelType::Public,
            created_by: creator,
            archived: false,
            created_at: Timestamp::now(),
            last_seq: 0,
            last_message_at: None,
        };
        let table = self.0.table();
        let writes = vec![
            tx::put_new(table, Self::meta_item(&general, 0)?)?,
            tx::put_new(table, self.slug_lock(&general.slug, general.id))?,
        ];
        // A concurrent first sign-in may have created it: read whichever won.
        tx::write(self.0, writes).await?.ok();
        self.get(ChannelId::GENERAL)
            .await?
            .ok_or(StoreError::NotFound)
    }

    pub async fn get(self, id: ChannelId) -> Result<Option<Channel>, StoreError> {
        let item = self.0.get_item(key(keys::channel(id), META)).await?;
        item.map(parse).transpose()
    }

    /// The channel that has, or once had, this slug.
    pub async fn by_slug(self, slug: &str) -> Result<Option<Channel>, StoreError> {
        let lock = self.0.get_item(key(keys::channel_slug(slug), LOCK)).await?;
        match lock
            .as_ref()
            .and_then(|l| get_s(l, "channelID"))
            .and_then(|id| id.parse().ok())
        {
            Some(id) => self.get(id).await,
            None => Ok(None),
        }
    }

    /// Renames: the new slug is locked for this channel (the old one stays locked, pointing
    /// here), and the name and slug change, in one transaction.
    pub async fn rename(self, id: ChannelId, slug: &str) -> Result<Rename, StoreError> {
        let table = self.0.table();
        let lock = Put::builder()
            .table_name(table)
            .set_item(Some(self.slug_lock(slug, id)))
            .condition_expression("attribute_not_exists(#pk) OR channelID = :id")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":id", s(id.to_string()))
            .build()
            .map_err(codec)?;
        let meta = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::channel(id), META)))
            .update_expression("SET #name = :slug, slug = :slug")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#name", "name")
            .expression_attribute_values(":slug", s(slug))
            .build()
            .map_err(codec)?;
        let writes = vec![
            TransactWriteItem::builder().put(lock).build(),
            TransactWriteItem::builder().update(meta).build(),
        ];
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(match self.get(id).await? {
                Some(channel) => Rename::Renamed(channel),
                None => Rename::NotFound,
            }),
            Err(Failed(0)) => Ok(Rename::SlugTaken),
            Err(Failed(_)) => Ok(Rename::NotFound),
        }
    }

    pub async fn describe(
        self,
        id: ChannelId,
        description: &str,
    ) -> Result<Option<Channel>, StoreError> {
        let result = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::channel(id), META)))
            .update_expression("SET description = :d")
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":d", s(description))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        crate::items::updated(result)
    }

    /// Archives or unarchives. An archived channel leaves the directory (its GSI2 keys go) and
    /// refuses new messages and members; its members keep reading it.
    pub async fn set_archived(
        self,
        channel: &Channel,
        archived: bool,
    ) -> Result<Option<Channel>, StoreError> {
        let mut request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::channel(channel.id), META)))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#gpk", GSI2PK)
            .expression_attribute_names("#gsk", GSI2SK)
            .expression_attribute_values(":archived", AttributeValue::Bool(archived))
            .return_values(ReturnValue::AllNew);
        request = if archived || channel.kind == ChannelType::Private {
            request.update_expression("SET archived = :archived REMOVE #gpk, #gsk")
        } else {
            request
                .update_expression("SET archived = :archived, #gpk = :gpk, #gsk = :gsk")
                .expression_attribute_values(":gpk", s(keys::PUBLIC_CHANNELS))
                .expression_attribute_values(
                    ":gsk",
                    s(keys::sorted_by_time(&channel.created_at, channel.id)),
                )
        };
        crate::items::updated(request.send().await)
    }

    /// One page of open public channels, newest first; `search` (lower-case) must appear in
    /// the name. `None` when the cursor is not one we gave out.
    pub async fn directory(
        self,
        search: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Option<ChannelPage>, StoreError> {
        let start = match cursor {
            Some(c) => match cursor::decode_key(c, &[PK, SK, GSI2PK, GSI2SK]) {
                Some(start) if get_s(&start, GSI2PK) == Some(keys::PUBLIC_CHANNELS) => Some(start),
                _ => return Ok(None),
            },
            None => None,
        };
        let mut query = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .index_name(GSI2)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", GSI2PK)
            .expression_attribute_values(":pk", s(keys::PUBLIC_CHANNELS))
            .scan_index_forward(false);
        if !search.is_empty() {
            query = query
                .filter_expression("contains(slug, :q)")
                .expression_attribute_values(":q", s(search));
        }
        let (rows, next) = paging::page(query, limit, start).await?;
        let items = rows.into_iter().map(parse).collect::<Result<_, _>>()?;
        Ok(Some(ChannelPage {
            items,
            next_cursor: next.as_ref().map(cursor::encode_key),
        }))
    }

    /// Adds `user` with `role`: both membership rows (and the owner count, for an owner) in one
    /// transaction, on the condition that the channel is open.
    pub async fn add_member(
        self,
        channel: ChannelId,
        user: UserId,
        role: ChannelRole,
    ) -> Result<AddMember, StoreError> {
        let table = self.0.table();
        let Some(read_to) = self.get(channel).await?.map(|c| c.last_seq) else {
            return Ok(AddMember::Closed);
        };
        let mut writes = add_writes(
            table,
            Parent::Channel(channel),
            user,
            role,
            Timestamp::now(),
            read_to,
        )?;
        // One operation per item in a transaction: the META update moves the members version
        // (and an owner's count) and carries the open-channel condition.
        let counts = if role == ChannelRole::Owner {
            "ADD ownerCount :one, #version :one"
        } else {
            "ADD #version :one"
        };
        let update = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::channel(channel), META)))
            .update_expression(counts)
            .condition_expression("attribute_exists(#pk) AND archived = :false")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#version", MEMBERS_VERSION)
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .build()
            .map_err(codec)?;
        let open = TransactWriteItem::builder().update(update).build();
        writes.push(open);
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(AddMember::Added),
            Err(Failed(2)) => Ok(AddMember::Closed),
            Err(Failed(_)) => Ok(AddMember::AlreadyMember),
        }
    }

    /// Removes `user`, whose role the caller read as `role`. The last owner cannot go.
    pub async fn remove_member(
        self,
        channel: ChannelId,
        user: UserId,
        role: ChannelRole,
    ) -> Result<RemoveMember, StoreError> {
        let parent = Parent::Channel(channel);
        let mut writes = remove_writes(self.0.table(), parent, user, role)?;
        let owner = role == ChannelRole::Owner;
        writes.push(if owner {
            self.owner_count(channel, -1, true)?
        } else {
            version_write(self.0.table(), parent)?
        });
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(RemoveMember::Removed),
            Err(Failed(2)) if owner => Ok(RemoveMember::LastOwner),
            Err(Failed(_)) => Ok(RemoveMember::Stale),
        }
    }

    /// Changes `user`'s role from `from` (as the caller read it) to `to`. The last owner cannot
    /// be demoted.
    pub async fn change_role(
        self,
        channel: ChannelId,
        user: UserId,
        from: ChannelRole,
        to: ChannelRole,
    ) -> Result<RemoveMember, StoreError> {
        if from == to {
            return Ok(RemoveMember::Removed);
        }
        let mut writes = role_writes(self.0.table(), Parent::Channel(channel), user, from, to)?;
        if from == ChannelRole::Owner {
            writes.push(self.owner_count(channel, -1, false)?);
        } else if to == ChannelRole::Owner {
            writes.push(self.owner_count(channel, 1, false)?);
        }
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(RemoveMember::Removed),
            Err(Failed(2)) => Ok(RemoveMember::LastOwner),
            Err(Failed(_)) => Ok(RemoveMember::Stale),
        }
    }

    /// Moves the owner count; going down needs at least one owner to remain. `members_changed`
    /// moves the members version too (someone left, rather than changed role).
    fn owner_count(
        self,
        channel: ChannelId,
        delta: i32,
        members_changed: bool,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut update = Update::builder()
            .table_name(self.0.table())
            .set_key(Some(key(keys::channel(channel), META)))
            .expression_attribute_values(":delta", AttributeValue::N(delta.to_string()));
        update = if members_changed {
            update
                .update_expression("ADD ownerCount :delta, #version :bump")
                .expression_attribute_names("#version", MEMBERS_VERSION)
                .expression_attribute_values(":bump", AttributeValue::N("1".into()))
        } else {
            update.update_expression("ADD ownerCount :delta")
        };
        update = if delta < 0 {
            update
                .condition_expression("ownerCount > :one")
                .expression_attribute_values(":one", AttributeValue::N("1".into()))
        } else {
            update
                .condition_expression("attribute_exists(#pk)")
                .expression_attribute_names("#pk", PK)
        };
        Ok(TransactWriteItem::builder()
            .update(update.build().map_err(codec)?)
            .build())
    }
}
