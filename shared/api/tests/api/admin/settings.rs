//! The workspace's settings: validated field by field, saved whole and normalised, read by
//! everyone, changed by admins only.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::{Value, json};

use crate::{code, spawn_app};

fn settings_body() -> Value {
    json!({
        "name": "  Acme Corp ",
        "maxUploadBytes": 10 * 1024 * 1024,
        "allowedFileTypes": [".PDF", "png", "pdf"],
        "invitePolicy": "admins",
        "searchLanguage": "english",
    })
}

#[tokio::test]
async fn workspace_settings_are_validated_saved_whole_and_read_by_everyone() {
    let app = spawn_app().await;
    let admin = app.person("ada", Role::Admin).await;
    let guest = app.person("gus", Role::Guest).await;

    // Before anyone saves: the defaults.
    let (status, defaults) = app.get("/api/v1/workspace", &guest).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(defaults["name"], "Parley");
    assert_eq!(defaults["maxUploadBytes"], 50 * 1024 * 1024);
    assert_eq!(defaults["invitePolicy"], "everyone");
    assert!(
        defaults["allowedFileTypes"]
            .as_array()
            .unwrap()
            .contains(&json!("pdf"))
    );

    // Each bad field has its own code, and nothing is saved.
    let bad = |field: &str, value: Value| {
        let mut body = settings_body();
        body[field] = value;
        body
    };
    for (body, expected) in [
        (bad("name", json!("   ")), "invalid_workspace_name"),
        (bad("name", json!("x".repeat(81))), "invalid_workspace_name"),
        (bad("maxUploadBytes", json!(1023)), "invalid_upload_limit"),
        (
            bad("maxUploadBytes", json!(5u64 * 1024 * 1024 * 1024 + 1)),
            "invalid_upload_limit",
        ),
        (bad("allowedFileTypes", json!([])), "invalid_file_types"),
        (
            bad("allowedFileTypes", json!(["tar.gz"])),
            "invalid_file_types",
        ),
        (bad("invitePolicy", json!("nobody")), "invalid_body"),
        (bad("maxUploadBytes", json!(-1)), "invalid_body"),
        (bad("surprise", json!(true)), "invalid_body"),
    ] {
        let (status, answer) = app
            .put("/api/v1/admin/settings", &admin, body.clone())
            .await;
        assert_eq!(
            (status, code(&answer)),
            (StatusCode::BAD_REQUEST, expected),
            "{body}"
        );
        assert!(!answer["error"]["message"].as_str().unwrap().is_empty());
    }
    let (_, still) = app.get("/api/v1/workspace", &admin).await;
    assert_eq!(still, defaults);

    // A good save, normalised, and what everyone reads from then on.
    let (status, saved) = app
        .put("/api/v1/admin/settings", &admin, settings_body())
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let expected = json!({
        "name": "Acme Corp",
        "maxUploadBytes": 10 * 1024 * 1024,
        "allowedFileTypes": ["pdf", "png"],
        "invitePolicy": "admins",
        "searchLanguage": "english",
    });
    assert_eq!(saved, expected);
    let (_, read) = app.get("/api/v1/workspace", &guest).await;
    assert_eq!(read, expected);

    // The invite policy as other features read it.
    let settings = app.state.store.workspace().settings().await.unwrap();
    assert!(!settings.invite_policy.allows(Role::Member));
    assert!(settings.invite_policy.allows(Role::Admin));

    // Only admins change them.
    let member = app.person("mo", Role::Member).await;
    let (status, body) = app
        .put("/api/v1/admin/settings", &member, settings_body())
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "admins_only")
    );
}
