//! Channels through the API: names, slugs, the directory, archive, #general, members and roles.

use axum::http::StatusCode;
use domain::channel::ChannelRole;
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
async fn general_cannot_be_left_archived_or_renamed() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let general = domain::ChannelId::GENERAL.to_string();
    let (status, answer) = app
        .post(
            &format!("/api/v1/channels/{general}/leave"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "general_is_fixed")
    );
    let (status, answer) = app
        .post(
            &format!("/api/v1/channels/{general}/archive"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "general_is_fixed")
    );
    let (status, answer) = app
        .patch(
            &format!("/api/v1/channels/{general}"),
            &admin,
            json!({"name": "everyone"}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "general_is_fixed")
    );
    let (_, still) = app.get("/api/v1/channels/general", &admin).await;
    assert_eq!(still["id"], general.as_str());
}

#[tokio::test]
async fn archived_channels_are_read_only_and_readable() {
    let app = spawn_app().await;
    let (ann, bob, cy) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let id = app.channel(&ann, &unique("arch"), "public").await;
    app.add(&id, &bob, ChannelRole::Member).await;
    let messages = format!("/api/v1/channels/{id}/messages");
    assert_eq!(
        app.post(&messages, &bob, json!({"body": "before"})).await.0,
        StatusCode::CREATED
    );
    let (status, archived) = app
        .post(&format!("/api/v1/channels/{id}/archive"), &ann, json!({}))
        .await;
    assert_eq!(
        (status, archived["archived"].as_bool()),
        (StatusCode::OK, Some(true))
    );

    let (status, answer) = app.post(&messages, &bob, json!({"body": "after"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "channel_archived")
    );
    let (status, page) = app.get(&messages, &bob).await;
    assert_eq!(status, StatusCode::OK);
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert!(
        bodies.contains(&"before") && !bodies.contains(&"after"),
        "{bodies:?}"
    );
    let (status, answer) = app
        .post(&format!("/api/v1/channels/{id}/join"), &cy, json!({}))
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "channel_archived")
    );
    let (_, directory) = app.get("/api/v1/channels?q=arch", &cy).await;
    assert!(
        directory["items"].as_array().unwrap().is_empty(),
        "{directory}"
    );

    let (status, _) = app
        .post(&format!("/api/v1/channels/{id}/unarchive"), &ann, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.post(&messages, &bob, json!({"body": "again"})).await.0,
        StatusCode::CREATED
    );
    let (_, directory) = app.get("/api/v1/channels?q=arch", &cy).await;
    assert_eq!(directory["items"].as_array().unwrap().len(), 1);
}

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
    let role_of = |who: &crate::Person| format!("/api/v1/channels/{id}/members/{}", who.id());
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

#[tokio::test]
async fn private_channels_stay_invisible_to_non_members() {
    let app = spawn_app().await;
    let (ann, eve, sys) = (
        app.person("ann", Role::Member).await,
        app.person("eve", Role::Member).await,
        app.person("sys", Role::Admin).await,
    );
    let name = unique("secret");
    let id = app.channel(&ann, &name, "private").await;
    for path in [
        format!("/api/v1/channels/{id}"),
        format!("/api/v1/channels/{name}"),
        format!("/api/v1/channels/{id}/members"),
        format!("/api/v1/channels/{id}/messages"),
    ] {
        let (status, answer) = app.get(&path, &eve).await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::NOT_FOUND, "channel_not_found"),
            "{path}"
        );
        assert!(
            !answer.to_string().contains(&name),
            "{path} leaks the name: {answer}"
        );
    }
    let (status, _) = app
        .post(&format!("/api/v1/channels/{id}/join"), &eve, json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, directory) = app.get(&format!("/api/v1/channels?q={name}"), &eve).await;
    assert!(directory["items"].as_array().unwrap().is_empty());
    // Not even a system admin outside it learns it exists.
    for path in [
        format!("/api/v1/channels/{id}"),
        format!("/api/v1/channels/{id}/messages"),
    ] {
        assert_eq!(
            app.get(&path, &sys).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

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
async fn the_directory_searches_and_really_pages() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let tag = unique("dir");
    let mut made = Vec::new();
    for i in 0..7 {
        made.push(app.channel(&ann, &format!("{tag}-{i}"), "public").await);
    }
    app.channel(&ann, &format!("{tag}-hidden"), "private").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let mut path = format!("/api/v1/channels?q={tag}&limit=3");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let (status, page) = app.get(&path, &ann).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|c| c["id"].as_str().unwrap().to_string()));
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    made.reverse();
    assert_eq!(seen, made, "every public match once, newest first");
    let (status, answer) = app.get("/api/v1/channels?cursor=forged", &ann).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_cursor")
    );
    let (status, answer) = app.get("/api/v1/channels?limit=0", &ann).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "invalid_limit")
    );
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
