//! The sidebar through the API: categories, personal settings and read points.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{code, spawn_app, unique};

#[tokio::test]
async fn categories_are_unique_per_user_ignoring_case() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let (status, work) = app
        .post(
            "/api/v1/sidebar/categories",
            &ann,
            json!({"name": "Projects"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, answer) = app
        .post(
            "/api/v1/sidebar/categories",
            &ann,
            json!({"name": " projects "}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "category_exists")
    );
    // Another user's namespace is their own.
    let (status, _) = app
        .post(
            "/api/v1/sidebar/categories",
            &bob,
            json!({"name": "Projects"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    for bad in [json!({"name": ""}), json!({"name": "c".repeat(41)})] {
        let (status, _) = app.post("/api/v1/sidebar/categories", &ann, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let id = work["id"].as_str().unwrap();
    let (status, renamed) = app
        .patch(
            &format!("/api/v1/sidebar/categories/{id}"),
            &ann,
            json!({"name": "Clients", "position": 0.5}),
        )
        .await;
    assert_eq!(
        (status, renamed["name"].as_str()),
        (StatusCode::OK, Some("Clients"))
    );
    // The old name is free again.
    let (status, _) = app
        .post(
            "/api/v1/sidebar/categories",
            &ann,
            json!({"name": "projects"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, sidebar) = app.get("/api/v1/sidebar", &ann).await;
    let names: Vec<&str> = sidebar["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["Clients", "projects"], "by position");
    assert_eq!(
        app.delete(&format!("/api/v1/sidebar/categories/{id}"), &ann)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.delete(&format!("/api/v1/sidebar/categories/{id}"), &ann)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn rows_take_favourite_mute_category_and_position() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let channel = app.channel(&ann, &unique("row"), "public").await;
    let (_, category) = app
        .post("/api/v1/sidebar/categories", &ann, json!({"name": "Work"}))
        .await;
    let category = category["id"].as_str().unwrap();
    let path = format!("/api/v1/channels/{channel}/membership");
    let (status, row) = app
        .patch(
            &path,
            &ann,
            json!({"favorite": true, "muted": true, "categoryID": category, "position": 1.5}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{row}");
    assert_eq!(
        (
            row["favorite"].as_bool(),
            row["muted"].as_bool(),
            row["categoryID"].as_str(),
            row["position"].as_f64()
        ),
        (Some(true), Some(true), Some(category), Some(1.5))
    );
    let (_, row) = app.patch(&path, &ann, json!({"categoryID": null})).await;
    assert!(row["categoryID"].is_null());
    assert_eq!(row["favorite"], true, "absent fields stay");
    let (status, answer) = app
        .patch(
            &path,
            &ann,
            json!({"categoryID": domain::CategoryId::new().to_string()}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "category_not_found")
    );
    let (status, _) = app.patch(&path, &ann, json!({"position": 1e300})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn read_points_only_move_forward_and_unread_is_their_difference() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let channel = app.channel(&ann, &unique("unread"), "public").await;
    app.add(&channel, &bob, domain::channel::ChannelRole::Member)
        .await;
    for i in 0..3 {
        let (status, _) = app
            .post(
                &format!("/api/v1/channels/{channel}/messages"),
                &ann,
                json!({"body": format!("m{i}")}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let row = |sidebar: serde_json::Value| {
        sidebar["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"]["id"] == channel.as_str())
            .cloned()
            .unwrap()
    };
    let mine = row(app.get("/api/v1/sidebar", &bob).await.1);
    assert_eq!(
        (
            mine["channel"]["lastSeq"].as_u64(),
            mine["membership"]["lastReadSeq"].as_u64()
        ),
        (Some(3), Some(0))
    );
    let read = format!("/api/v1/channels/{channel}/read");
    let (_, after) = app.post(&read, &bob, json!({"seq": 2})).await;
    assert_eq!(after["lastReadSeq"], 2);
    let (_, after) = app.post(&read, &bob, json!({"seq": 1})).await;
    assert_eq!(
        after["lastReadSeq"], 2,
        "a slow device does not move it back"
    );
    let (status, _) = app.post(&read, &bob, json!({"seq": -1})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
