//! Channel members: who joins and who adds whom (guests join only #general), the system
//! messages that record it, the sidebar that follows it, and simultaneous joins.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app, unique};

#[tokio::test]
async fn guests_join_only_general_and_are_added_by_members() {
    let app = spawn_app().await;
    let (ann, gus) = (
        app.person("ann", Role::Member).await,
        app.person("gus", Role::Guest).await,
    );
    let id = app.channel(&ann, &unique("open"), "public").await;
    let (status, _) = app
        .post(&format!("/api/v1/channels/{id}/join"), &gus, json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .post("/api/v1/channels/general/join", &gus, json!({}))
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a slug is not an id for POST routes"
    );
    let general = domain::ChannelId::GENERAL;
    let (status, _) = app
        .post(&format!("/api/v1/channels/{general}/join"), &gus, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .post(
            &format!("/api/v1/channels/{id}/members"),
            &ann,
            json!({"userID": gus.id()}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, sidebar) = app.get("/api/v1/sidebar", &gus).await;
    let ids: Vec<&str> = sidebar["channels"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["channel"]["id"].as_str())
        .collect();
    assert!(ids.contains(&id.as_str()), "{sidebar}");
    // A guest member cannot add others.
    let other = app.person("otto", Role::Member).await;
    let (status, _) = app
        .post(
            &format!("/api/v1/channels/{id}/members"),
            &gus,
            json!({"userID": other.id()}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn adding_checks_the_person_and_records_a_system_message() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let id = app.channel(&ann, &unique("adds"), "private").await;
    let members = format!("/api/v1/channels/{id}/members");
    let (status, answer) = app
        .post(
            &members,
            &ann,
            json!({"userID": domain::UserId::new().to_string()}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "user_not_found")
    );
    assert_eq!(
        app.post(&members, &ann, json!({"userID": bob.id()}))
            .await
            .0,
        StatusCode::CREATED
    );
    let (status, answer) = app.post(&members, &ann, json!({"userID": bob.id()})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "already_member")
    );
    let (_, page) = app
        .get(&format!("/api/v1/channels/{id}/messages"), &bob)
        .await;
    let system = &page["items"][0]["system"];
    assert_eq!(system["action"], "added");
    assert_eq!(system["targetID"], bob.id().as_str());
    assert_eq!(page["items"][0]["authorID"], ann.id().as_str());
}

#[tokio::test]
async fn joining_and_leaving_are_recorded_and_change_the_sidebar() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let id = app.channel(&ann, &unique("hall"), "public").await;
    let (status, row) = app
        .post(&format!("/api/v1/channels/{id}/join"), &bob, json!({}))
        .await;
    assert_eq!(
        (status, row["membership"]["role"].as_str()),
        (StatusCode::OK, Some("member"))
    );
    let (status, _) = app
        .post(&format!("/api/v1/channels/{id}/leave"), &bob, json!({}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, page) = app
        .get(&format!("/api/v1/channels/{id}/messages"), &ann)
        .await;
    let actions: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["system"]["action"].as_str())
        .collect();
    assert_eq!(actions, ["left", "joined"]);
    let (_, sidebar) = app.get("/api/v1/sidebar", &bob).await;
    assert!(!sidebar.to_string().contains(&id), "{sidebar}");
}

#[tokio::test]
async fn simultaneous_joins_make_one_membership_and_one_system_message() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let id = app.channel(&ann, &unique("busy"), "public").await;
    let join = format!("/api/v1/channels/{id}/join");
    let answers = futures::future::join_all((0..6).map(|_| app.post(&join, &bob, json!({})))).await;
    assert!(
        answers.iter().all(|(s, _)| *s == StatusCode::OK),
        "{answers:?}"
    );
    let (_, members) = app
        .get(&format!("/api/v1/channels/{id}/members"), &ann)
        .await;
    assert_eq!(members["items"].as_array().unwrap().len(), 2);
    let (_, page) = app
        .get(&format!("/api/v1/channels/{id}/messages"), &ann)
        .await;
    let joins = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["system"]["action"] == "joined")
        .count();
    assert_eq!(joins, 1);
}
