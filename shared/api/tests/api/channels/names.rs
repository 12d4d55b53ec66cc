//! Channel names: bad names and descriptions are refused, slugs are unique (under races too)
//! and the creator owns the channel, and a rename moves the slug while old links still resolve.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app, unique};

#[tokio::test]
async fn bad_names_and_descriptions_are_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    for (body, field) in [
        (json!({"name": "Team News"}), "name"),
        (json!({"name": ""}), "name"),
        (json!({"name": "x".repeat(33)}), "name"),
        (
            json!({"name": "ok-name", "description": "d".repeat(256)}),
            "description",
        ),
        (json!({"name": "ok-name", "type": "secret"}), "type"),
        (json!({"name": "ok-name", "colour": "red"}), "colour"),
    ] {
        let (status, answer) = app.post("/api/v1/channels", &ann, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} -> {answer}");
        assert!(
            answer["error"]["message"].as_str().unwrap().contains(field),
            "{body}: the message names {field}: {answer}"
        );
    }
    let (_, sidebar) = app.get("/api/v1/sidebar", &ann).await;
    assert_eq!(
        sidebar["channels"].as_array().unwrap().len(),
        1,
        "only #general"
    );
}

#[tokio::test]
async fn slugs_are_unique_and_the_creator_owns_the_channel() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let name = unique("news");
    let (status, made) = app
        .post(
            "/api/v1/channels",
            &ann,
            json!({"name": name, "description": "All the news"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(made["channel"]["slug"], name);
    assert_eq!(made["channel"]["type"], "public");
    assert_eq!(made["membership"]["role"], "owner");
    let (status, answer) = app
        .post(
            "/api/v1/channels",
            &bob,
            json!({"name": name, "type": "private"}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "slug_taken")
    );
    let (_, sidebar) = app.get("/api/v1/sidebar", &bob).await;
    assert_eq!(sidebar["channels"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_rename_moves_the_slug_and_old_links_still_resolve() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let id = app.channel(&ann, &unique("old"), "public").await;
    let (_, before) = app.get(&format!("/api/v1/channels/{id}"), &ann).await;
    let old = before["slug"].as_str().unwrap().to_string();
    let new = unique("new");
    let (status, renamed) = app
        .patch(
            &format!("/api/v1/channels/{id}"),
            &ann,
            json!({"name": new}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{renamed}");
    assert_eq!(
        (renamed["name"].as_str(), renamed["slug"].as_str()),
        (Some(&*new), Some(&*new))
    );
    for slug in [&old, &new] {
        let (status, found) = app.get(&format!("/api/v1/channels/{slug}"), &ann).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(found["id"], id.as_str());
        assert_eq!(
            found["slug"],
            new.as_str(),
            "the answer carries the current slug"
        );
    }
    // Another channel cannot take the old slug: old links must keep pointing here.
    let (status, answer) = app
        .post("/api/v1/channels", &ann, json!({"name": old}))
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "slug_taken")
    );
}

#[tokio::test]
async fn simultaneous_creates_of_one_name_make_one_channel() {
    let app = spawn_app().await;
    let names: Vec<String> = (0..8).map(|i| format!("p{i}")).collect();
    let people: Vec<_> =
        futures::future::join_all(names.iter().map(|n| app.person(n, Role::Member))).await;
    let name = unique("race");
    let answers = futures::future::join_all(
        people
            .iter()
            .map(|p| app.post("/api/v1/channels", p, json!({"name": name}))),
    )
    .await;
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    let taken = answers
        .iter()
        .filter(|(s, b)| *s == StatusCode::CONFLICT && code(b) == "slug_taken")
        .count();
    assert_eq!((created, taken), (1, 7), "{answers:?}");
    let (_, directory) = app
        .get(&format!("/api/v1/channels?q={name}"), &people[0])
        .await;
    assert_eq!(directory["items"].as_array().unwrap().len(), 1);
}
