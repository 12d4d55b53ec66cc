//! What is refused on the way in: each with a stable code, and nothing half-stored (no
//! message, no file row, the upload still usable when the refusal was not its fault).

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::{Value, json};

use super::{png, put_to_s3, sha256_hex, tiny_png};
use crate::{TestApp, code, spawn_app};

/// Asks for an upload of `bytes` as declared: status and body.
async fn ask(
    app: &TestApp,
    who: &crate::Person,
    name: &str,
    kind: &str,
    bytes: &[u8],
) -> (StatusCode, Value) {
    app.post(
        "/api/v1/uploads",
        who,
        json!({"name": name, "size": bytes.len(), "contentType": kind, "sha256": sha256_hex(bytes)}),
    )
    .await
}

/// Sends a message carrying `uploads` to `place`: status and body.
async fn send(
    app: &TestApp,
    place: &str,
    who: &crate::Person,
    uploads: Value,
) -> (StatusCode, Value) {
    app.post(
        &format!("{place}/messages"),
        who,
        json!({"body": "see attached", "attachmentIDs": uploads}),
    )
    .await
}

async fn nothing_was_sent(app: &TestApp, place: &str, who: &crate::Person) {
    let (_, history) = app.get(&format!("{place}/messages"), who).await;
    assert_eq!(history["items"], json!([]), "a message was stored");
    let (_, pane) = app.get(&format!("{place}/files"), who).await;
    assert_eq!(pane["items"], json!([]), "a file row was stored");
}

#[tokio::test]
async fn requests_for_uploads_are_checked_before_anything_is_signed() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let long = format!("{}.txt", "a".repeat(500));
    for (name, expected) in [
        ("../../etc/passwd.txt", "invalid_file_name"),
        ("dir\\file.txt", "invalid_file_name"),
        ("bell\u{7}.txt", "invalid_file_name"),
        (long.as_str(), "invalid_file_name"),
        ("program.exe", "file_type_not_allowed"),
        ("README", "file_type_not_allowed"),
    ] {
        let (status, body) = ask(&app, &ann, name, "", b"hello").await;
        assert_eq!(code(&body), expected, "{name:?}: {body}");
        assert!(status.is_client_error());
    }
    let (status, body) = app
        .post(
            "/api/v1/uploads",
            &ann,
            json!({"name": "a.txt", "size": 5, "sha256": "abc"}),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, "invalid_input")
    );
    let (status, body) = app
        .post(
            "/api/v1/uploads",
            &ann,
            json!({"name": "a.txt", "size": 0, "sha256": sha256_hex(b"")}),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, "invalid_input")
    );
    // Past the workspace's limit (50 MB by default).
    let (status, body) = app
        .post(
            "/api/v1/uploads",
            &ann,
            json!({"name": "big.pdf", "size": 51u64 * 1024 * 1024, "sha256": sha256_hex(b"x")}),
        )
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::PAYLOAD_TOO_LARGE, "file_too_large")
    );
}

#[tokio::test]
async fn s3_takes_only_the_declared_bytes_and_a_missing_upload_is_not_attached() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let declared = b"the declared bytes".to_vec();
    let (status, grant) = ask(&app, &ann, "notes.txt", "text/plain", &declared).await;
    assert_eq!(status, StatusCode::CREATED, "{grant}");
    let mut other = declared.clone();
    other[0] = b'T';
    assert!(
        (400..500).contains(&put_to_s3(&grant, other).await),
        "S3 took other bytes"
    );
    let mut longer = declared.clone();
    longer.extend_from_slice(b"!!");
    assert!(
        (400..500).contains(&put_to_s3(&grant, longer).await),
        "S3 took more bytes"
    );

    let (status, body) = send(&app, &place, &ann, json!([grant["uploadID"]])).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::CONFLICT, "upload_incomplete"),
        "{body}"
    );
    nothing_was_sent(&app, &place, &ann).await;
    // The right bytes still go through.
    assert_eq!(put_to_s3(&grant, declared).await, 200);
    let (status, body) = send(&app, &place, &ann, json!([grant["uploadID"]])).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // Used up: sending it again finds nothing.
    let (status, body) = send(&app, &place, &ann, json!([grant["uploadID"]])).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "upload_not_found")
    );
}

#[tokio::test]
async fn bytes_that_are_not_what_they_claim_are_refused() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let mut polyglot = tiny_png();
    polyglot.extend_from_slice(b"<html><script>alert(document.cookie)</script></html>");
    // A PNG header that claims 100000 x 100000 pixels: refused before any decoding.
    let bomb = png(100_000, 100_000, &[0, 0, 0, 0]);
    for (name, kind, bytes, expected) in [
        (
            "cat.png",
            "image/png",
            b"just some text, no image".to_vec(),
            "file_type_mismatch",
        ),
        (
            "cat.png",
            "image/png",
            b"\xff\xd8\xff\xe0 a jpeg".to_vec(),
            "file_type_mismatch",
        ),
        ("cat.png", "image/png", polyglot, "file_type_mismatch"),
        ("huge.png", "image/png", bomb, "image_too_large"),
    ] {
        let upload = app.upload(&ann, name, kind, &bytes).await;
        let (status, body) = send(&app, &place, &ann, json!([upload])).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, expected),
            "{body}"
        );
    }
    nothing_was_sent(&app, &place, &ann).await;
}

#[tokio::test]
async fn only_your_own_waiting_uploads_can_be_attached_and_at_most_ten() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let place = app.room(&ann, &[&bob]).await;
    let anns = app.upload(&ann, "a.txt", "text/plain", b"ann's").await;
    // Bob cannot send Ann's upload, even knowing its id.
    let (status, body) = send(&app, &place, &bob, json!([anns])).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "upload_not_found")
    );
    let (status, body) = send(&app, &place, &ann, json!([anns, anns])).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, "invalid_input"),
        "{body}"
    );
    let eleven: Vec<String> = (0..11)
        .map(|_| domain::UploadId::new().to_string())
        .collect();
    let (status, body) = send(&app, &place, &ann, json!(eleven)).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::BAD_REQUEST, "too_many_attachments")
    );
    let (status, body) = send(&app, &place, &ann, json!(["not-an-id"])).await;
    assert!(status.is_client_error(), "{body}");
    nothing_was_sent(&app, &place, &ann).await;

    // An upload past its day is gone.
    let mut stale = store::uploads::PendingUpload::new(
        ann.user.id,
        &domain::files::FileName::parse("old.txt").unwrap(),
        3,
        &domain::files::ContentType::parse("text/plain").unwrap(),
        domain::files::Sha256::parse(&sha256_hex(b"old")).unwrap(),
    );
    stale.created_at = domain::Timestamp::now().plus_seconds(-2 * 86_400);
    app.state.store.uploads().create(&stale).await.unwrap();
    let (status, body) = send(&app, &place, &ann, json!([stale.id])).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "upload_not_found")
    );
    // Ann's own upload still works.
    let (status, body) = send(&app, &place, &ann, json!([anns])).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn uploads_past_the_rate_are_refused() {
    let mut app = spawn_app().await;
    app.state.rate_limits.upload_per_user = domain::limits::RateLimit {
        max: 2,
        window_seconds: 60,
    };
    app.router = api::router(app.state.clone());
    let ann = app.person("ann", Role::Member).await;
    for _ in 0..2 {
        let (status, body) = ask(&app, &ann, "a.txt", "text/plain", b"x").await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, body) = ask(&app, &ann, "a.txt", "text/plain", b"x").await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited")
    );
}

/// An SVG with a script, and a zip that claims to unpack to gigabytes: Parley never renders
/// the one nor unpacks the other. Both are plain files that only ever download.
#[tokio::test]
async fn markup_and_archives_are_never_rendered_or_unpacked() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    // A zip entry header claiming 4 GB uncompressed, as a zip bomb's does.
    let mut bomb = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    bomb.extend_from_slice(&[0; 8]);
    bomb.extend_from_slice(&[0x10, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 5, 0, 0, 0]);
    bomb.extend_from_slice(b"a.txt");
    for (name, kind, bytes) in [
        ("drawing.svg", "image/svg+xml", svg.to_vec()),
        ("bomb.zip", "application/zip", bomb),
    ] {
        let upload = app.upload(&ann, name, kind, &bytes).await;
        let sent = app
            .say(&place, &ann, json!({"body": "", "attachmentIDs": [upload]}))
            .await;
        let file = &sent["attachments"][0];
        assert_eq!(
            file["image"],
            Value::Null,
            "{name} is not shown as an image"
        );
        let id = file["id"].as_str().unwrap();
        let (status, minted) = app
            .get(&format!("{place}/files/{id}/url?as=preview"), &ann)
            .await;
        assert_eq!(status, StatusCode::OK, "{minted}");
        let answer = reqwest::get(minted["url"].as_str().unwrap()).await.unwrap();
        assert_eq!(answer.headers()["content-type"], "application/octet-stream");
        let disposition = answer.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert_eq!(
            answer.bytes().await.unwrap().to_vec(),
            bytes,
            "{name} is stored as sent"
        );
    }
}
