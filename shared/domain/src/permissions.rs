//! Who may do what to a channel: pure rules, so every handler asks the same question and the
//! rules are tested once. `channel_role` is the actor's role in the channel, `None` for a
//! non-member. System admins pass every management check of the channels they can see (not
//! message access: that needs membership).

use crate::channel::{Channel, ChannelRole, ChannelType};
use crate::user::Role;

/// Whether the actor is a system admin or holds at least `needed` in the channel.
fn at_least(role: Role, channel_role: Option<ChannelRole>, needed: ChannelRole) -> bool {
    role == Role::Admin || channel_role.is_some_and(|r| r >= needed)
}

pub fn can_create_channel(role: Role) -> bool {
    role != Role::Guest
}

/// Guests only see channels they were added to.
pub fn can_browse_directory(role: Role) -> bool {
    role != Role::Guest
}

/// Whether the actor may see the channel's name, description and member list. A private
/// channel exists only for its members: not even a system admin outside it learns its name.
pub fn can_see(role: Role, channel_role: Option<ChannelRole>, channel: &Channel) -> bool {
    channel_role.is_some() || (channel.kind == ChannelType::Public && role != Role::Guest)
}

/// Joining on one's own: open public channels; guests only #general.
pub fn can_join(role: Role, channel: &Channel) -> bool {
    channel.kind == ChannelType::Public
        && !channel.archived
        && (role != Role::Guest || channel.is_general())
}

pub fn can_update(role: Role, channel_role: Option<ChannelRole>) -> bool {
    at_least(role, channel_role, ChannelRole::Admin)
}

pub fn can_archive(role: Role, channel_role: Option<ChannelRole>, channel: &Channel) -> bool {
    !channel.is_general() && at_least(role, channel_role, ChannelRole::Owner)
}

/// Members (not guests) add people as members; admins add admins; owners add owners. A guest
/// adds nobody, whatever their place in the channel (a member made guest may still own one).
pub fn can_add_member(role: Role, channel_role: Option<ChannelRole>, granted: ChannelRole) -> bool {
    if role == Role::Guest {
        return false;
    }
    at_least(role, channel_role, granted)
}

/// Admins remove members and admins; only owners (or system admins) remove owners.
pub fn can_remove_member(
    role: Role,
    channel_role: Option<ChannelRole>,
    target: ChannelRole,
) -> bool {
    let needed = if target == ChannelRole::Owner {
        ChannelRole::Owner
    } else {
        ChannelRole::Admin
    };
    at_least(role, channel_role, needed)
}

/// Admins move people between member and admin; making or unmaking an owner takes an owner.
pub fn can_change_role(
    role: Role,
    channel_role: Option<ChannelRole>,
    from: ChannelRole,
    to: ChannelRole,
) -> bool {
    let needed = if from == ChannelRole::Owner || to == ChannelRole::Owner {
        ChannelRole::Owner
    } else {
        ChannelRole::Admin
    };
    at_least(role, channel_role, needed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ChannelId, Timestamp, UserId};
    use ChannelRole::{Admin, Member, Owner};

    fn channel(kind: ChannelType) -> Channel {
        Channel {
            id: ChannelId::new(),
            name: "news".into(),
            slug: "news".into(),
            description: String::new(),
            kind,
            created_by: UserId::new(),
            archived: false,
            created_at: Timestamp::now(),
            last_seq: 0,
            last_message_at: None,
        }
    }

    #[test]
    fn guests_neither_create_nor_browse_nor_join_beyond_general() {
        assert!(!can_create_channel(Role::Guest));
        assert!(can_create_channel(Role::Member));
        assert!(!can_browse_directory(Role::Guest));
        assert!(!can_join(Role::Guest, &channel(ChannelType::Public)));
        let mut general = channel(ChannelType::Public);
        general.id = ChannelId::GENERAL;
        assert!(can_join(Role::Guest, &general));
    }

    #[test]
    fn private_and_archived_channels_cannot_be_joined() {
        assert!(!can_join(Role::Admin, &channel(ChannelType::Private)));
        let mut archived = channel(ChannelType::Public);
        archived.archived = true;
        assert!(!can_join(Role::Member, &archived));
        assert!(can_join(Role::Member, &channel(ChannelType::Public)));
    }

    #[test]
    fn private_channels_are_seen_by_their_members_only() {
        let private = channel(ChannelType::Private);
        assert!(!can_see(Role::Member, None, &private));
        assert!(can_see(Role::Member, Some(Member), &private));
        assert!(!can_see(Role::Admin, None, &private));
        assert!(can_see(Role::Member, None, &channel(ChannelType::Public)));
        assert!(!can_see(Role::Guest, None, &channel(ChannelType::Public)));
    }

    #[test]
    fn only_owners_make_or_unmake_owners() {
        assert!(!can_change_role(Role::Member, Some(Admin), Member, Owner));
        assert!(!can_change_role(Role::Member, Some(Admin), Owner, Member));
        assert!(can_change_role(Role::Member, Some(Admin), Member, Admin));
        assert!(can_change_role(Role::Member, Some(Owner), Owner, Admin));
        assert!(can_change_role(Role::Admin, None, Member, Owner));
        assert!(!can_change_role(Role::Member, Some(Member), Member, Admin));
    }

    #[test]
    fn adding_grants_at_most_the_adders_own_power() {
        assert!(can_add_member(Role::Member, Some(Member), Member));
        assert!(!can_add_member(Role::Guest, Some(Member), Member));
        assert!(!can_add_member(Role::Guest, Some(Owner), Owner));
        assert!(!can_add_member(Role::Guest, Some(Owner), Admin));
        assert!(!can_add_member(Role::Member, None, Member));
        assert!(!can_add_member(Role::Member, Some(Member), Admin));
        assert!(!can_add_member(Role::Member, Some(Admin), Owner));
        assert!(can_add_member(Role::Member, Some(Owner), Owner));
    }

    #[test]
    fn removing_owners_takes_an_owner() {
        assert!(can_remove_member(Role::Member, Some(Admin), Member));
        assert!(!can_remove_member(Role::Member, Some(Admin), Owner));
        assert!(!can_remove_member(Role::Member, Some(Member), Member));
        assert!(can_remove_member(Role::Admin, None, Owner));
    }

    #[test]
    fn general_is_never_archived() {
        let mut general = channel(ChannelType::Public);
        general.id = ChannelId::GENERAL;
        assert!(!can_archive(Role::Admin, Some(Owner), &general));
        assert!(can_archive(
            Role::Member,
            Some(Owner),
            &channel(ChannelType::Public)
        ));
        assert!(!can_archive(
            Role::Member,
            Some(Admin),
            &channel(ChannelType::Public)
        ));
    }
}
