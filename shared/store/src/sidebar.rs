//! The sidebar, read in a few calls: the user's membership rows (one Query per kind, all
//! pages), the parents' metadata (BatchGetItem, 100 a call) and the categories.

use domain::channel::Channel;
use domain::conversation::Conversation;
use domain::sidebar::{Membership, Sidebar, SidebarChannel, SidebarConversation};
use domain::{Parent, ParentType, UserId};

use crate::items::{key, parse};
use crate::keys::{self, META};
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct SidebarReader<'a>(pub(crate) &'a Store);

impl SidebarReader<'_> {
    pub async fn read(self, user: UserId) -> Result<Sidebar, StoreError> {
        let memberships = self.0.memberships();
        let (channel_rows, conversation_rows, categories) = tokio::try_join!(
            memberships.for_user(user, ParentType::Channel),
            memberships.for_user(user, ParentType::Conversation),
            self.0.categories().list(user),
        )?;
        let (channels, conversations) = tokio::try_join!(
            self.metas::<Channel>(&channel_rows),
            self.metas::<Conversation>(&conversation_rows),
        )?;
        let mut channels: Vec<SidebarChannel> =
            join(channel_rows, channels, |c: &Channel| c.id.to_string())
                .map(|(membership, channel)| SidebarChannel {
                    channel,
                    membership,
                })
                .collect();
        channels.sort_by(|a, b| a.channel.name.cmp(&b.channel.name));
        let mut conversations: Vec<SidebarConversation> =
            join(conversation_rows, conversations, |c: &Conversation| {
                c.id.to_string()
            })
            .filter(|(membership, c)| membership.shows(c))
            .map(|(membership, conversation)| SidebarConversation {
                conversation,
                membership,
            })
            .collect();
        conversations.sort_by(|a, b| {
            let recent = |c: &Conversation| c.last_message_at.unwrap_or(c.created_at);
            recent(&b.conversation).cmp(&recent(&a.conversation))
        });
        Ok(Sidebar {
            channels,
            conversations,
            categories,
        })
    }

    async fn metas<T: serde::de::DeserializeOwned>(
        self,
        rows: &[Membership],
    ) -> Result<Vec<T>, StoreError> {
        let keys = rows
            .iter()
            .filter_map(|row| Parent::from_parts(row.parent_type, &row.parent_id))
            .map(|parent| key(keys::parent(parent), META))
            .collect();
        self.0
            .batch_get(keys)
            .await?
            .into_iter()
            .map(parse)
            .collect()
    }
}

/// Pairs each membership with its parent's metadata; rows whose parent is gone drop out.
fn join<T>(
    rows: Vec<Membership>,
    metas: Vec<T>,
    id: impl Fn(&T) -> String,
) -> impl Iterator<Item = (Membership, T)> {
    let mut by_id: std::collections::HashMap<String, T> =
        metas.into_iter().map(|m| (id(&m), m)).collect();
    rows.into_iter()
        .filter_map(move |row| by_id.remove(&row.parent_id).map(|meta| (row, meta)))
}
