//! Channel roles: the last owner hands over before leaving, and only owners and system admins
//! make or unmake owners.

use axum::http::StatusCode;
use domain::channel::ChannelRole;
use domain::user::Role;
use serde_json::json;

use crate::{Person, code, spawn_app, unique};

#[tokio::test]
async fn the_last_owner_hands_over_before_leaving() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let id = app.channel(&ann, &unique("own"), "private").await;
    app.add(&id, &bob, ChannelRole::Member).await;
    let leave = format!("/api/v1/channels/{id}/leave");
    let (status, answer) = app.post(&leave, &ann, json!({})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "last_owner")
    );
    let (status, answer) = app
        .patch(
            &format!("/api/v1/channels/{id}/members/{}", ann.id()),
            &ann,
            json!({"role": "member"}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "last_owner")
    );
    let (status, _) = app
        .patch(
            &format!("/api/v1/channels/{id}/members/{}", bob.id()),
            &ann,
            json!({"role": "owner"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.post(&leave, &ann, json!({})).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, _) = app.get(&format!("/api/v1/channels/{id}"), &ann).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a private channel one left is invisible"
    );
}

#[tokio::test]
async fn only_owners_and_system_admins_make_or_unmake_owners() {
    let app = spawn_app().await;
    let (owner, chief, helper, sys) = (
        app.person("owner", Role::Member).await,
        app.person("chief", Role::Member).await,
        app.person("helper", Role::Member).await,
        app.person("sys", Role::Admin).await,
    );
    let id = app.channel(&owner, &unique("roles"), "public").await;
    app.add(&id, &chief, ChannelRole::Admin).await;
    app.add(&id, &helper, ChannelRole::Member).await;
    let role_of = |who: &Person| format!("/api/v1/channels/{id}/members/{}", who.id());
    // A channel admin can neither make an owner nor demote one, nor add one.
    let (status, _) = app
        .patch(&role_of(&helper), &chief, json!({"role": "owner"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .patch(&role_of(&owner), &chief, json!({"role": "member"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let newcomer = app.person("new", Role::Member).await;
    let (status, _) = app
        .post(
            &format!("/api/v1/channels/{id}/members"),
            &chief,
            json!({"userID": newcomer.id(), "role": "owner"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // But an admin moves people between member and admin.
    let (status, _) = app
        .patch(&role_of(&helper), &chief, json!({"role": "admin"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    // A system admin outside the channel may make an owner.
    let (status, member) = app
        .patch(&role_of(&helper), &sys, json!({"role": "owner"}))
        .await;
    assert_eq!(
        (status, member["role"].as_str()),
        (StatusCode::OK, Some("owner"))
    );
    let (_, page) = app
        .get(&format!("/api/v1/channels/{id}/members"), &owner)
        .await;
    let owners = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "owner")
        .count();
    assert_eq!(owners, 2);
}
