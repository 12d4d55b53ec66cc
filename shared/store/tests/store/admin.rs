//! What admins change: roles and statuses (guarded in the same transaction as the change), and
//! the workspace's settings.

use domain::user::{AuthProvider, Role, User, UserStatus};
use domain::workspace::{InvitePolicy, WorkspaceSettings};
use store::Store;
use store::users::new_user;

use crate::{create_user, fresh_store};

async fn user(store: &Store, name: &str, role: Role) -> User {
    let user = new_user(&format!("{name}@example.com"), name.into(), role);
    create_user(store, &user).await;
    user
}

#[tokio::test]
async fn only_an_active_admin_changes_roles_and_statuses() {
    let store = fresh_store().await;
    let users = store.users();
    let ada = user(&store, "ada", Role::Admin).await;
    let mo = user(&store, "mo", Role::Member).await;
    let bo = user(&store, "bo", Role::Member).await;

    assert!(!users.set_role(mo.id, bo.id, Role::Admin).await.unwrap());
    assert!(
        !users
            .change_status(mo.id, bo.id, UserStatus::Deactivated)
            .await
            .unwrap()
    );
    assert!(users.set_role(ada.id, mo.id, Role::Guest).await.unwrap());
    assert_eq!(users.get(mo.id).await.unwrap().unwrap().role, Role::Guest);

    // An admin who was demoted meanwhile changes nothing more.
    let abe = user(&store, "abe", Role::Admin).await;
    assert!(users.set_role(ada.id, abe.id, Role::Member).await.unwrap());
    assert!(!users.set_role(abe.id, ada.id, Role::Member).await.unwrap());
    assert_eq!(users.get(ada.id).await.unwrap().unwrap().role, Role::Admin);

    // Nobody missing is changed (or made).
    let ghost = domain::UserId::new();
    assert!(!users.set_role(ada.id, ghost, Role::Member).await.unwrap());
    assert!(users.get(ghost).await.unwrap().is_none());
}

#[tokio::test]
async fn admins_are_never_deactivated_and_password_accounts_never_promoted() {
    let store = fresh_store().await;
    let users = store.users();
    let ada = user(&store, "ada", Role::Admin).await;
    let abe = user(&store, "abe", Role::Admin).await;
    assert!(
        !users
            .change_status(ada.id, abe.id, UserStatus::Deactivated)
            .await
            .unwrap()
    );
    assert_eq!(
        users.get(abe.id).await.unwrap().unwrap().status,
        UserStatus::Active
    );

    let mut pat = new_user("pat@example.com", "Pat".into(), Role::Guest);
    pat.provider = AuthProvider::Password;
    users.create(&pat, None, false).await.unwrap().unwrap();
    for role in [Role::Member, Role::Admin] {
        assert!(!users.set_role(ada.id, pat.id, role).await.unwrap());
    }
    assert!(users.set_role(ada.id, pat.id, Role::Guest).await.unwrap());
    assert!(
        users
            .change_status(ada.id, pat.id, UserStatus::Deactivated)
            .await
            .unwrap()
    );
    assert_eq!(
        users.get(pat.id).await.unwrap().unwrap().status,
        UserStatus::Deactivated
    );
}

#[tokio::test]
async fn workspace_settings_default_until_saved_and_are_saved_whole() {
    let store = fresh_store().await;
    let workspace = store.workspace();
    assert_eq!(
        workspace.settings().await.unwrap(),
        WorkspaceSettings::default()
    );
    let settings = WorkspaceSettings {
        name: "Acme".into(),
        max_upload_bytes: 4096,
        allowed_file_types: vec!["pdf".into()],
        invite_policy: InvitePolicy::Admins,
        search_language: domain::search::Language::French,
    };
    workspace.save_settings(&settings).await.unwrap();
    assert_eq!(workspace.settings().await.unwrap(), settings);
    let renamed = WorkspaceSettings {
        name: "Acme 2".into(),
        ..settings
    };
    workspace.save_settings(&renamed).await.unwrap();
    assert_eq!(workspace.settings().await.unwrap(), renamed);
}

#[tokio::test]
async fn an_operator_grants_admin_but_never_to_a_password_account() {
    let store = fresh_store().await;
    let users = store.users();
    let mo = user(&store, "mo", Role::Member).await;
    assert!(users.grant_admin_as_operator(mo.id).await.unwrap());
    assert_eq!(users.get(mo.id).await.unwrap().unwrap().role, Role::Admin);

    let mut pat = new_user("pat@example.com", "Pat".into(), Role::Guest);
    pat.provider = AuthProvider::Password;
    users.create(&pat, None, false).await.unwrap().unwrap();
    assert!(!users.grant_admin_as_operator(pat.id).await.unwrap());
    assert!(
        !users
            .grant_admin_as_operator(domain::UserId::new())
            .await
            .unwrap()
    );
}
