//! Memberships of channels and conversations: a parent-side row (`<parent>` / `MEMBER#<uid>`,
//! for member lists and fan-out) and a user-side row (`USER#<uid>` / `<parent>`, the user's
//! sidebar settings and read point). Both always change in one transaction.
//!
//! Every change of who is in a parent, or of a member's mute, also moves the parent's
//! `membersVersion` (on its META row) in the same transaction. The member list cached for
//! fan-out (`realtime::audience`) is good only for the version it was read at, so a removal
//! takes effect at the very next event, whatever happened to the cache.

use domain::channel::ChannelRole;
use domain::sidebar::Membership;
use domain::{Parent, ParentType, UserId};

use crate::items::{key, parse};
use crate::keys;
use crate::{Store, StoreError, paging};

mod members;
mod read;
mod settings;
mod writes;

pub use members::MemberList;
pub(crate) use writes::{add_writes, remove_writes, role_writes, version_write};

#[derive(Clone, Copy)]
pub struct Memberships<'a>(pub(crate) &'a Store);

/// The META attribute that counts changes of the members (see the module doc). Absent is 0.
pub(crate) const MEMBERS_VERSION: &str = "membersVersion";

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
}
