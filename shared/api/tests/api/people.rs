//! People search (the roster): it matches what user views show, names and handles, never the
//! email addresses they hide; only an admin may find someone by a whole address.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::Value;

use crate::{Person, TestApp, spawn_app};

async fn search(app: &TestApp, who: &Person, q: &str) -> Vec<String> {
    let q: String = q
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (status, page) = app
        .get(&format!("/api/v1/users?q={q}&limit=100"), who)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let items: &Vec<Value> = page["items"].as_array().unwrap();
    items
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn people_search_matches_names_and_handles_but_not_email_addresses() {
    let app = spawn_app().await;
    let bob = app.person("Bobstone", Role::Member).await;
    let guest = app.person("gus", Role::Guest).await;
    let member = app.person("mia", Role::Member).await;
    let email = bob.user.email.clone();
    let (local, domain) = email.split_once('@').unwrap();

    for who in [&guest, &member] {
        // What views show is found.
        assert_eq!(search(&app, who, "stone").await, [bob.id()]);
        assert_eq!(search(&app, who, &bob.user.handle).await, [bob.id()]);
        // What they hide is not: the domain, the address, anything spanning the `@`.
        for hidden in [
            domain,
            &format!("@{domain}"),
            &format!("{local}@"),
            &email,
            "example.com",
        ] {
            assert!(
                search(&app, who, hidden).await.is_empty(),
                "{hidden:?} found someone"
            );
        }
    }

    // An admin finds the one account a whole address names, and nothing by part of one.
    let admin = app.person("ada", Role::Admin).await;
    assert_eq!(search(&app, &admin, &email).await, [bob.id()]);
    assert_eq!(
        search(&app, &admin, &email.to_uppercase()).await,
        [bob.id()]
    );
    assert!(search(&app, &admin, domain).await.is_empty());
    assert!(search(&app, &admin, "nobody@example.com").await.is_empty());

    // The admin directory still searches addresses, parts included.
    let (status, page) = app
        .get(&format!("/api/v1/admin/users?q={local}"), &admin)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["items"][0]["id"], bob.id(), "{page}");
}

#[tokio::test]
async fn a_renamed_person_is_found_by_the_new_name_only() {
    let app = spawn_app().await;
    let bob = app.person("Bobstone", Role::Member).await;
    let viewer = app.person("vic", Role::Member).await;
    // As sign-ins with a new name from the identity provider do it.
    for name in ["Robert Quill", "Sam Ray"] {
        let name = domain::user::DisplayName::parse(name).unwrap();
        let change = store::profiles::ProfileChange {
            display_name: Some(&name),
            ..Default::default()
        };
        let renamed = app.state.store.users().change_profile(&bob.user, change);
        assert!(renamed.await.unwrap().is_some());
    }
    assert_eq!(search(&app, &viewer, "sam ray").await, [bob.id()]);
    assert!(search(&app, &viewer, "quill").await.is_empty());
}
