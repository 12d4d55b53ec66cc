//! Channels, their slug locks, and memberships (a channel-side and a user-side row, always
//! written together in one transaction).

use aws_sdk_dynamodb::types::{AttributeValue, ConditionCheck, TransactWriteItem};
use domain::channel::{
    Channel, ChannelRole, ChannelType, GENERAL_DESCRIPTION, GENERAL_NAME, MyChannel,
};
use domain::{ChannelId, Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::items::{get_s, item, key, parse, s};
use crate::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2PK, GSI2SK, LOCK, META};
use crate::tx::{self, Failed};
use crate::{Store, StoreError, paging};

#[derive(Clone, Copy)]
pub struct Channels<'a>(pub(crate) &'a Store);

/// The channel-side membership row.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MemberRow {
    #[serde(rename = "userID")]
    user_id: UserId,
    role: ChannelRole,
    joined_at: Timestamp,
}

#[derive(Debug, PartialEq, Eq)]
pub enum AddMember {
    Added,
    AlreadyMember,
}

impl Channels<'_> {
    fn meta_item(channel: &Channel) -> Result<crate::items::Item, StoreError> {
        let mut keys_ = vec![
            (keys::PK, keys::channel(channel.id)),
            (keys::SK, META.to_string()),
            (GSI1PK, keys::channel_slug(&channel.slug)),
            (GSI1SK, keys::channel(channel.id)),
        ];
        if channel.kind == ChannelType::Public {
            keys_.push((GSI2PK, keys::PUBLIC_CHANNELS.to_string()));
            keys_.push((
                GSI2SK,
                keys::sorted_by_time(&channel.created_at, channel.id),
            ));
        }
        item(channel, &keys_)
    }

    /// Creates the channel and its slug lock together. `Ok(false)` when the slug is taken.
    pub async fn create(self, channel: &Channel) -> Result<bool, StoreError> {
        let table = &self.0.table;
        let mut lock = key(keys::channel_slug(&channel.slug), LOCK);
        lock.insert("channelID".into(), s(channel.id.to_string()));
        let writes = vec![
            tx::put_new(table, Self::meta_item(channel)?)?,
            tx::put_new(table, lock)?,
        ];
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(true),
            Err(Failed(_)) => Ok(false),
        }
    }

    /// #general, created on first need with a fixed id; later calls only read it.
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
        };
        // A concurrent first sign-in may have created it: read whichever won.
        self.create(&general).await?;
        self.get(ChannelId::GENERAL)
            .await?
            .ok_or(StoreError::NotFound)
    }

    pub async fn get(self, id: ChannelId) -> Result<Option<Channel>, StoreError> {
        let item = self.0.get_item(key(keys::channel(id), META)).await?;
        item.map(parse).transpose()
    }

    pub async fn by_slug(self, slug: &str) -> Result<Option<Channel>, StoreError> {
        let out = self
            .0
            .client
            .query()
            .table_name(&self.0.table)
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :chan)")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_names("#sk", GSI1SK)
            .expression_attribute_values(":pk", s(keys::channel_slug(slug)))
            .expression_attribute_values(":chan", s(keys::CHAN_PREFIX))
            .limit(1)
            .send()
            .await
            .map_err(|e| StoreError::dynamo("Query", e))?;
        out.items
            .unwrap_or_default()
            .into_iter()
            .next()
            .map(parse)
            .transpose()
    }

    /// Adds `user` with `role`: both membership rows in one transaction, on the condition that the
    /// channel exists and is not archived.
    pub async fn add_member(
        self,
        channel: &Channel,
        user: UserId,
        role: ChannelRole,
    ) -> Result<AddMember, StoreError> {
        let table = &self.0.table;
        let joined_at = Timestamp::now();
        let member = item(
            &MemberRow {
                user_id: user,
                role,
                joined_at,
            },
            &[
                (keys::PK, keys::channel(channel.id)),
                (keys::SK, keys::member(user)),
            ],
        )?;
        let mine = item(
            &MyChannel {
                channel_id: channel.id,
                name: channel.name.clone(),
                slug: channel.slug.clone(),
                kind: channel.kind,
                role,
                joined_at,
            },
            &[
                (keys::PK, keys::user(user)),
                (keys::SK, keys::user_channel(channel.id)),
            ],
        )?;
        let open = ConditionCheck::builder()
            .table_name(table)
            .set_key(Some(key(keys::channel(channel.id), META)))
            .condition_expression("attribute_exists(#pk) AND archived = :false")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_values(":false", AttributeValue::Bool(false))
            .build()
            .map_err(|e| StoreError::Codec(e.to_string()))?;
        let writes = vec![
            tx::put_new(table, member)?,
            tx::put_new(table, mine)?,
            TransactWriteItem::builder().condition_check(open).build(),
        ];
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(AddMember::Added),
            Err(Failed(2)) => Err(StoreError::NotFound),
            Err(Failed(_)) => Ok(AddMember::AlreadyMember),
        }
    }

    /// The caller's role in the channel, or `None` when not a member.
    pub async fn role_of(
        self,
        channel: ChannelId,
        user: UserId,
    ) -> Result<Option<ChannelRole>, StoreError> {
        let out = self
            .0
            .client
            .get_item()
            .table_name(&self.0.table)
            .set_key(Some(key(keys::channel(channel), keys::member(user))))
            .projection_expression("#role")
            .expression_attribute_names("#role", "role")
            .send()
            .await
            .map_err(|e| StoreError::dynamo("GetItem", e))?;
        let role = out
            .item
            .as_ref()
            .and_then(|i| get_s(i, "role"))
            .map(|r| match r {
                "owner" => ChannelRole::Owner,
                "admin" => ChannelRole::Admin,
                _ => ChannelRole::Member,
            });
        Ok(role)
    }

    /// Every member's id (all pages), for fan-out.
    pub async fn member_ids(self, channel: ChannelId) -> Result<Vec<UserId>, StoreError> {
        let query = self
            .0
            .client
            .query()
            .table_name(&self.0.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :member)")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#sk", keys::SK)
            .expression_attribute_values(":pk", s(keys::channel(channel)))
            .expression_attribute_values(":member", s(keys::MEMBER_PREFIX))
            .projection_expression("#sk");
        let rows = paging::all(query).await?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                get_s(row, keys::SK)?
                    .strip_prefix(keys::MEMBER_PREFIX)?
                    .parse()
                    .ok()
            })
            .collect())
    }

    /// The channels `user` belongs to (all pages), for the sidebar.
    pub async fn for_user(self, user: UserId) -> Result<Vec<MyChannel>, StoreError> {
        let query = self
            .0
            .client
            .query()
            .table_name(&self.0.table)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :chan)")
            .expression_attribute_names("#pk", keys::PK)
            .expression_attribute_names("#sk", keys::SK)
            .expression_attribute_values(":pk", s(keys::user(user)))
            .expression_attribute_values(":chan", s(keys::CHAN_PREFIX));
        paging::all(query).await?.into_iter().map(parse).collect()
    }
}
