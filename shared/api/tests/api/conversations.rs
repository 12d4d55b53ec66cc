//! Direct, notes-to-self and group conversations through the API.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app};

#[tokio::test]
async fn the_same_people_always_land_in_the_same_conversation() {
    let app = spawn_app().await;
    let (ann, bob, cy) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let (status, dm) = app.open_conversation(&ann, json!([bob.id()])).await;
    assert_eq!(
        (status, dm["conversation"]["kind"].as_str()),
        (StatusCode::CREATED, Some("direct"))
    );
    let (status, again) = app
        .open_conversation(&bob, json!([ann.id(), bob.id()]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["conversation"]["id"], dm["conversation"]["id"]);

    let (status, notes) = app.open_conversation(&ann, json!([])).await;
    assert_eq!(
        (status, notes["conversation"]["kind"].as_str()),
        (StatusCode::CREATED, Some("notes"))
    );

    let (_, group) = app
        .post(
            "/api/v1/conversations",
            &ann,
            json!({"participantIDs": [bob.id(), cy.id()], "name": "Launch"}),
        )
        .await;
    assert_eq!(group["conversation"]["kind"], "group");
    assert_eq!(group["conversation"]["name"], "Launch");
    let (status, same) = app
        .open_conversation(&cy, json!([bob.id(), ann.id()]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(same["conversation"]["id"], group["conversation"]["id"]);
}

#[tokio::test]
async fn unknown_people_are_refused_and_nothing_is_made() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let ghost = domain::UserId::new().to_string();
    let (status, answer) = app.open_conversation(&ann, json!([ghost])).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "user_not_found")
    );
    let (status, answer) = app.open_conversation(&ann, json!(["not-an-id"])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let (_, sidebar) = app.get("/api/v1/sidebar", &ann).await;
    assert!(sidebar["conversations"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_conversation_appears_to_the_others_with_its_first_message() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let (_, dm) = app.open_conversation(&ann, json!([bob.id()])).await;
    let id = dm["conversation"]["id"].as_str().unwrap();
    let listed = |sidebar: &serde_json::Value| {
        sidebar["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["conversation"]["id"] == id)
    };
    assert!(listed(&app.get("/api/v1/sidebar", &ann).await.1));
    assert!(!listed(&app.get("/api/v1/sidebar", &bob).await.1));
    let (status, _) = app
        .post(
            &format!("/api/v1/conversations/{id}/messages"),
            &ann,
            json!({"body": "hi Bob"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, bobs) = app.get("/api/v1/sidebar", &bob).await;
    assert!(listed(&bobs));
    assert_eq!(bobs["conversations"][0]["conversation"]["lastSeq"], 1);
    assert_eq!(bobs["conversations"][0]["membership"]["lastReadSeq"], 0);
}

#[tokio::test]
async fn groups_are_renamed_grown_and_left_but_direct_messages_are_fixed() {
    let app = spawn_app().await;
    let (ann, bob, cy, dan, eve) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
        app.person("dan", Role::Member).await,
        app.person("eve", Role::Member).await,
    );
    let (_, dm) = app.open_conversation(&ann, json!([bob.id()])).await;
    let dm = dm["conversation"]["id"].as_str().unwrap().to_string();
    let (status, answer) = app
        .patch(
            &format!("/api/v1/conversations/{dm}"),
            &ann,
            json!({"name": "Us"}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "not_a_group")
    );

    let (_, group) = app
        .open_conversation(&ann, json!([bob.id(), cy.id()]))
        .await;
    let id = group["conversation"]["id"].as_str().unwrap().to_string();
    let (status, renamed) = app
        .patch(
            &format!("/api/v1/conversations/{id}"),
            &bob,
            json!({"name": "Trio"}),
        )
        .await;
    assert_eq!(
        (status, renamed["name"].as_str()),
        (StatusCode::OK, Some("Trio"))
    );
    let (status, _) = app.get(&format!("/api/v1/conversations/{id}"), &eve).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, grown) = app
        .post(
            &format!("/api/v1/conversations/{id}/participants"),
            &cy,
            json!({"userIDs": [dan.id()]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(grown["participantIDs"].as_array().unwrap().len(), 4);
    assert_eq!(
        app.get(&format!("/api/v1/conversations/{id}/messages"), &dan)
            .await
            .0,
        StatusCode::OK
    );
    // The same four people now land in this group.
    let (status, same) = app
        .open_conversation(&dan, json!([ann.id(), bob.id(), cy.id()]))
        .await;
    assert_eq!(
        (status, same["conversation"]["id"].as_str()),
        (StatusCode::OK, Some(id.as_str()))
    );

    assert_eq!(
        app.post(
            &format!("/api/v1/conversations/{id}/leave"),
            &ann,
            json!({})
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/api/v1/conversations/{id}"), &ann)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (_, page) = app
        .get(&format!("/api/v1/conversations/{id}/messages"), &bob)
        .await;
    let actions: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["system"]["action"].as_str())
        .collect();
    assert_eq!(actions, ["left", "added"]);
}
