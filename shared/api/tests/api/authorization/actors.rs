//! The table's columns, the kinds of caller, and the people who play them in every cell.

use domain::user::{Role, UserStatus};

use crate::{Person, TestApp};

/// The columns of the table.
#[derive(Debug, Clone, Copy)]
pub(super) enum Actor {
    /// A system admin who is not in the channel or the group.
    Admin,
    /// The channel's owner; in the group.
    Owner,
    /// A channel admin; in the group.
    ChannelAdmin,
    /// A plain channel member; in the group; owns the category.
    Member,
    /// A workspace member in neither the channel nor the group.
    NonMember,
    /// A guest in neither.
    Guest,
    /// A deactivated account with a still-unexpired token.
    Deactivated,
    Anonymous,
}

pub(super) const ACTORS: [Actor; 8] = [
    Actor::Admin,
    Actor::Owner,
    Actor::ChannelAdmin,
    Actor::Member,
    Actor::NonMember,
    Actor::Guest,
    Actor::Deactivated,
    Actor::Anonymous,
];

/// The people, shared by every cell.
pub(super) struct World {
    pub(super) admin: Person,
    pub(super) owner: Person,
    pub(super) channel_admin: Person,
    pub(super) member: Person,
    pub(super) non_member: Person,
    pub(super) guest: Person,
    pub(super) deactivated: Person,
    pub(super) target: Person,
    pub(super) newcomer: Person,
}

impl World {
    /// Who calls as `actor`: nobody for the anonymous.
    pub(super) fn person(&self, actor: Actor) -> Option<&Person> {
        Some(match actor {
            Actor::Admin => &self.admin,
            Actor::Owner => &self.owner,
            Actor::ChannelAdmin => &self.channel_admin,
            Actor::Member => &self.member,
            Actor::NonMember => &self.non_member,
            Actor::Guest => &self.guest,
            Actor::Deactivated => &self.deactivated,
            Actor::Anonymous => return None,
        })
    }
}

/// Routes that end the caller's own access: each cell calls as a stand-in of its own (same
/// role and status), so it cannot sign the shared people out of other cells.
pub(super) const ENDS_CALLERS_ACCESS: &[&str] = &["/api/v1/users/me/sessions"];

impl Actor {
    /// A fresh person in this actor's role and status (for `ENDS_CALLERS_ACCESS` routes).
    pub(super) async fn stand_in(self, app: &TestApp) -> Option<Person> {
        let role = match self {
            Actor::Anonymous => return None,
            Actor::Admin => Role::Admin,
            Actor::Guest => Role::Guest,
            _ => Role::Member,
        };
        let person = app.person("stand-in", role).await;
        if matches!(self, Actor::Deactivated) {
            deactivate(app, &person).await;
        }
        Some(person)
    }
}

/// Deactivates `person` as the admin routes do: status, then their tokens end.
async fn deactivate(app: &TestApp, person: &Person) {
    app.state
        .store
        .users()
        .set_status(person.user.id, UserStatus::Deactivated)
        .await
        .unwrap();
    api::revoke_access(&app.state, person.user.id)
        .await
        .unwrap();
}

/// The people, made once for the whole table.
pub(super) async fn world(app: &TestApp) -> World {
    let deactivated = app.person("dee", Role::Member).await;
    deactivate(app, &deactivated).await;
    World {
        admin: app.person("ada", Role::Admin).await,
        owner: app.person("otto", Role::Member).await,
        channel_admin: app.person("cora", Role::Member).await,
        member: app.person("mia", Role::Member).await,
        non_member: app.person("nils", Role::Member).await,
        guest: app.person("gus", Role::Guest).await,
        deactivated,
        target: app.person("tara", Role::Member).await,
        newcomer: app.person("ned", Role::Member).await,
    }
}
