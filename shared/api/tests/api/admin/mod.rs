//! System admins: the directory of every account, role changes that take effect at once,
//! deactivation that cuts a person off, and the workspace's settings.

mod deactivation;
mod directory;
mod roles;
mod settings;

use axum::http::StatusCode;
use domain::UserId;
use domain::user::{AuthProvider, Role, User};
use serde_json::{Value, json};

use crate::sessions::{Refreshed, refresh};
use crate::{Person, TestApp, unique};

/// `who` with the access token a refresh of `device` gave.
pub(super) async fn refreshed(app: &TestApp, who: &Person, device: &str) -> (Person, Value) {
    let Refreshed { status, body, .. } = refresh(app, device).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let person = Person {
        token: body["accessToken"].as_str().unwrap().to_string(),
        ..who.clone()
    };
    (person, body)
}

/// Sets `whom`'s role as `admin`.
pub(super) async fn set_role(
    app: &TestApp,
    admin: &Person,
    whom: &str,
    role: &str,
) -> (StatusCode, Value) {
    app.patch(
        &format!("/api/v1/users/{whom}/role"),
        admin,
        json!({ "role": role }),
    )
    .await
}

/// Sets `whom`'s status (active or deactivated) as `admin`.
pub(super) async fn set_status(
    app: &TestApp,
    admin: &Person,
    whom: &str,
    status: &str,
) -> (StatusCode, Value) {
    app.patch(
        &format!("/api/v1/users/{whom}/status"),
        admin,
        json!({ "status": status }),
    )
    .await
}

/// A guest who came by invite and signs in with a password.
pub(super) async fn password_guest(app: &TestApp) -> Person {
    let mut user = store::users::new_user(
        &format!("{}@example.com", unique("pw")),
        "Pat".into(),
        Role::Guest,
    );
    user.provider = AuthProvider::Password;
    app.create_user(&user).await;
    app.signed_in(user)
}

/// The ids of a page of people.
pub(super) fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect()
}

/// `id`'s account as stored now.
pub(super) async fn stored_user(app: &TestApp, id: UserId) -> User {
    app.state.store.users().get(id).await.unwrap().unwrap()
}
