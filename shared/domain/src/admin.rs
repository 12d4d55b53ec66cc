//! What system admins do to accounts: the directory of everyone, role changes, deactivation. The
//! rules are pure, so the API asks them and the tests pin them once.

use serde::{Deserialize, Serialize};

use crate::UserId;
use crate::user::{AuthProvider, Role, User, UserStatus};

/// A page of the admin directory: every account, deactivated ones included, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminUserPage {
    pub items: Vec<User>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeUserRole {
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeUserStatus {
    pub status: UserStatus,
}

/// Why an admin may not make a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Admins do not change their own role or status: there is always an admin left.
    OwnAccount,
    /// Password accounts came by invite and are not under the workspace's identity provider:
    /// they stay guests.
    PasswordAccount,
    /// Admins are demoted before they can be deactivated.
    AdminAccount,
}

/// Whether `actor` (a system admin) may give `target` the role `to`.
pub fn check_role_change(actor: UserId, target: &User, to: Role) -> Result<(), Refusal> {
    if actor == target.id {
        return Err(Refusal::OwnAccount);
    }
    check_role(target, to)
}

/// Whether `target` may hold the role `to` at all, whoever gives it (an admin, or an operator
/// with `migrate grant-admin`).
pub fn check_role(target: &User, to: Role) -> Result<(), Refusal> {
    if target.provider == AuthProvider::Password && to != Role::Guest {
        return Err(Refusal::PasswordAccount);
    }
    Ok(())
}

/// Whether `actor` (a system admin) may deactivate or reactivate `target`. Both ways follow the
/// same rules, so an account an admin could not cut off is never in a state to be restored.
pub fn check_status_change(actor: UserId, target: &User) -> Result<(), Refusal> {
    if actor == target.id {
        return Err(Refusal::OwnAccount);
    }
    if target.role == Role::Admin {
        return Err(Refusal::AdminAccount);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Timestamp;

    fn user(role: Role, provider: AuthProvider) -> User {
        User {
            id: UserId::new(),
            email: "p@example.com".into(),
            display_name: "P".into(),
            handle: "p".into(),
            role,
            status: UserStatus::Active,
            provider,
            created_at: Timestamp::now(),
            custom_status: None,
            time_zone: None,
            avatar: None,
            theme: Default::default(),
        }
    }

    #[test]
    fn nobody_changes_their_own_role_or_status() {
        let admin = user(Role::Admin, AuthProvider::Oidc);
        assert_eq!(
            check_role_change(admin.id, &admin, Role::Member),
            Err(Refusal::OwnAccount)
        );
        assert_eq!(
            check_status_change(admin.id, &admin),
            Err(Refusal::OwnAccount)
        );
    }

    #[test]
    fn password_accounts_stay_guests() {
        let actor = UserId::new();
        let guest = user(Role::Guest, AuthProvider::Password);
        for role in [Role::Member, Role::Admin] {
            assert_eq!(
                check_role_change(actor, &guest, role),
                Err(Refusal::PasswordAccount)
            );
        }
        assert_eq!(check_role_change(actor, &guest, Role::Guest), Ok(()));
        let sso_guest = user(Role::Guest, AuthProvider::Oidc);
        assert_eq!(check_role_change(actor, &sso_guest, Role::Admin), Ok(()));
    }

    #[test]
    fn admins_are_demoted_before_deactivation() {
        let actor = UserId::new();
        assert_eq!(
            check_status_change(actor, &user(Role::Admin, AuthProvider::Oidc)),
            Err(Refusal::AdminAccount)
        );
        for role in [Role::Member, Role::Guest] {
            assert_eq!(
                check_status_change(actor, &user(role, AuthProvider::Oidc)),
                Ok(())
            );
        }
    }
}
