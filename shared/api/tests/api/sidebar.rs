//! The sidebar through the API: categories, personal settings and read points.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::{Person, TestApp, code, spawn_app, unique};

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

/// The caller's sidebar row of `parent` (a channel or conversation id): (lastSeq, lastReadSeq).
async fn read_state(app: &TestApp, who: &Person, parent: &str) -> (u64, u64) {
    let (_, sidebar) = app.get("/api/v1/sidebar", who).await;
    let rows = sidebar["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (&r["channel"], &r["membership"]))
        .chain(
            sidebar["conversations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (&r["conversation"], &r["membership"])),
        )
        .find(|(p, _)| p["id"] == parent)
        .map(|(p, m)| (p["lastSeq"].as_u64(), m["lastReadSeq"].as_u64()));
    match rows {
        Some((Some(last), Some(read))) => (last, read),
        other => panic!("no sidebar row for {parent}: {other:?}"),
    }
}

#[tokio::test]
async fn newcomers_start_reading_where_they_came_in() {
    let app = spawn_app().await;
    let (ann, bob, cy, dan) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
        app.person("dan", Role::Member).await,
    );
    let channel = app.channel(&ann, &unique("history"), "public").await;
    let messages = format!("/api/v1/channels/{channel}/messages");
    for i in 0..3 {
        let (status, _) = app
            .post(&messages, &ann, json!({"body": format!("m{i}")}))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    // Joining: the history and their own "joined" line are read.
    let (status, row) = app
        .post(&format!("/api/v1/channels/{channel}/join"), &bob, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{row}");
    assert_eq!(
        (
            row["channel"]["lastSeq"].as_u64(),
            row["membership"]["lastReadSeq"].as_u64()
        ),
        (Some(4), Some(4)),
        "the answer counts the joined line, already read"
    );
    assert_eq!(read_state(&app, &bob, &channel).await, (4, 4));
    // Being added: the history is read, the line saying who added them is not.
    let (status, _) = app
        .post(
            &format!("/api/v1/channels/{channel}/members"),
            &ann,
            json!({"userID": cy.id()}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(read_state(&app, &cy, &channel).await, (5, 4));

    // The same in a group conversation.
    let (status, group) = app
        .open_conversation(&ann, json!([bob.id(), cy.id()]))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    let group = group["conversation"]["id"].as_str().unwrap().to_string();
    let said = format!("/api/v1/conversations/{group}/messages");
    for i in 0..2 {
        let (status, _) = app
            .post(&said, &ann, json!({"body": format!("g{i}")}))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let (status, _) = app
        .post(
            &format!("/api/v1/conversations/{group}/participants"),
            &bob,
            json!({"userIDs": [dan.id()]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read_state(&app, &dan, &group).await, (3, 2));
}

#[tokio::test]
async fn mark_all_read_reads_only_the_callers_rows_up_to_their_newest_messages() {
    let app = spawn_app().await;
    let (ann, bob, cy) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let first = app.channel(&ann, &unique("all-read-a"), "public").await;
    let second = app.channel(&ann, &unique("all-read-b"), "public").await;
    for channel in [&first, &second] {
        for who in [&bob, &cy] {
            app.add(channel, who, domain::channel::ChannelRole::Member)
                .await;
        }
    }
    let (status, direct) = app.open_conversation(&ann, json!([bob.id()])).await;
    assert_eq!(status, StatusCode::CREATED, "{direct}");
    let direct = direct["conversation"]["id"].as_str().unwrap().to_string();
    let bob_handle = app.get("/api/v1/users/me", &bob).await.1["handle"]
        .as_str()
        .unwrap()
        .to_string();
    for (path, body) in [
        (
            format!("/api/v1/channels/{first}/messages"),
            "one".to_string(),
        ),
        (
            format!("/api/v1/channels/{first}/messages"),
            format!("hi @{bob_handle}"),
        ),
        (
            format!("/api/v1/channels/{second}/messages"),
            "two".to_string(),
        ),
        (
            format!("/api/v1/conversations/{direct}/messages"),
            "three".to_string(),
        ),
    ] {
        let (status, answer) = app.post(&path, &ann, json!({ "body": body })).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
    }
    let before = read_state(&app, &bob, &first).await;
    assert!(before.1 < before.0, "bob has unread messages: {before:?}");

    // Signed in, with an empty object: every row of his is read up to its newest message.
    let (status, answer) = app.post("/api/v1/sidebar/read", &bob, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let changed: Vec<&str> = answer["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["parentID"].as_str())
        .collect();
    for parent in [&first, &second, &direct] {
        assert!(
            changed.contains(&parent.as_str()),
            "{parent} in {changed:?}"
        );
        let (last, read) = read_state(&app, &bob, parent).await;
        assert_eq!(read, last, "{parent} is read");
    }
    let (_, sidebar) = app.get("/api/v1/sidebar", &bob).await;
    let mentions: Vec<u64> = sidebar["channels"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["membership"]["mentionCount"].as_u64())
        .collect();
    assert!(
        mentions.iter().all(|&m| m == 0),
        "mentions clear: {mentions:?}"
    );
    // Someone else's rows stay as they were.
    let (last, read) = read_state(&app, &cy, &first).await;
    assert!(read < last, "cy still has unread messages");
    // Nothing left to read: nothing changes.
    let (status, again) = app.post("/api/v1/sidebar/read", &bob, json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["memberships"], json!([]));

    // Bad input: a stable code, and nothing read.
    let (status, answer) = app
        .post("/api/v1/sidebar/read", &cy, json!({"seq": 3}))
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_body")
    );
    let (last, read) = read_state(&app, &cy, &first).await;
    assert!(read < last, "a refused call reads nothing");
    // Not signed in: refused.
    let (status, answer) = app
        .call(
            axum::http::Method::POST,
            "/api/v1/sidebar/read",
            None,
            Some(json!({})),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::UNAUTHORIZED, "unauthenticated")
    );
}
