//! Two people in a private channel share files; only members can list or fetch them.

use axum::http::StatusCode;
use domain::channel::ChannelRole;
use domain::user::Role;
use serde_json::{Value, json};

use super::tiny_png;
use crate::{Person, TestApp, code, spawn_app, unique};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A private channel of `owner` with `others` in it; its path.
async fn private_room(app: &TestApp, owner: &Person, others: &[&Person]) -> String {
    let id = app.channel(owner, &unique("private"), "private").await;
    for person in others {
        app.add(&id, person, ChannelRole::Member).await;
    }
    format!("/api/v1/channels/{id}")
}

/// The URL minted for `file` as `who`, and the answer's status and body.
async fn mint(
    app: &TestApp,
    place: &str,
    file: &str,
    view: &str,
    who: &Person,
) -> (StatusCode, Value) {
    app.get(&format!("{place}/files/{file}/url?as={view}"), who)
        .await
}

/// GETs a minted URL: status, content type, disposition and bytes.
async fn fetch(url: &str) -> (u16, String, String, Vec<u8>) {
    let answer = reqwest::get(url).await.unwrap();
    let header = |name: &str| {
        answer
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (status, kind, disposition) = (
        answer.status().as_u16(),
        header("content-type"),
        header("content-disposition"),
    );
    (
        status,
        kind,
        disposition,
        answer.bytes().await.unwrap().to_vec(),
    )
}

#[tokio::test]
async fn a_file_shared_in_a_private_channel_reaches_its_members_only() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let eve = app.person("eve", Role::Member).await;
    let admin = app.person("root", Role::Admin).await;
    let place = private_room(&app, &ann, &[&bob]).await;

    let upload = app
        .upload(&ann, "Q3 report.pdf", "application/pdf", PDF)
        .await;
    let sent = app
        .say(
            &place,
            &ann,
            json!({"body": "the report", "attachmentIDs": [upload]}),
        )
        .await;
    let file = &sent["attachments"][0];
    assert_eq!(file["name"], "Q3 report.pdf");
    assert_eq!(file["size"], PDF.len());
    assert_eq!(file["contentType"], "application/pdf");
    assert_eq!(file["image"], Value::Null);
    let file_id = file["id"].as_str().unwrap();

    // Bob lists it and downloads the very bytes, as an attachment.
    let (status, pane) = app.get(&format!("{place}/files"), &bob).await;
    assert_eq!(status, StatusCode::OK, "{pane}");
    assert_eq!(pane["items"][0]["file"]["id"], file_id);
    assert_eq!(pane["items"][0]["messageID"], sent["id"]);
    let (status, minted) = mint(&app, &place, file_id, "download", &bob).await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    let (status, kind, disposition, bytes) = fetch(minted["url"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, PDF);
    assert_eq!(kind, "application/octet-stream");
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(disposition.contains("Q3%20report.pdf"), "{disposition}");
    // A PDF is never shown in the page, even when asked for a preview.
    let (_, minted) = mint(&app, &place, file_id, "preview", &bob).await;
    let (_, kind, disposition, _) = fetch(minted["url"].as_str().unwrap()).await;
    assert_eq!(kind, "application/octet-stream");
    assert!(disposition.starts_with("attachment;"), "{disposition}");

    // Outside the channel the file does not exist, for a member or an admin, by any view.
    for outsider in [&eve, &admin] {
        for view in ["download", "preview", "thumbnail"] {
            let (status, body) = mint(&app, &place, file_id, view, outsider).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
            assert_eq!(code(&body), "file_not_found");
        }
        let (status, _) = app.get(&format!("{place}/files"), outsider).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    // Nor under another place Eve can see.
    let eves = app.room(&eve, &[]).await;
    let (status, _) = mint(&app, &eves, file_id, "download", &eve).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Bob leaves: his next mint is refused.
    let (status, _) = app.post(&format!("{place}/leave"), &bob, json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = mint(&app, &place, file_id, "download", &bob).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_image_is_shown_with_its_size_and_deleting_the_message_removes_its_files() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let place = app.room(&ann, &[&bob]).await;

    let png = tiny_png();
    let image = app.upload(&ann, "screenshot.png", "image/png", &png).await;
    let pdf = app.upload(&ann, "notes.pdf", "application/pdf", PDF).await;
    // Files alone, no text.
    let sent = app
        .say(
            &place,
            &ann,
            json!({"body": "", "attachmentIDs": [image, pdf]}),
        )
        .await;
    assert_eq!(sent["body"], "");
    let shown = &sent["attachments"][0];
    assert_eq!(shown["contentType"], "image/png");
    assert_eq!(shown["image"]["width"], 2);
    assert_eq!(shown["image"]["height"], 1);
    assert_eq!(shown["image"]["animated"], false);
    assert_eq!(sent["attachments"][1]["name"], "notes.pdf");

    let image_id = shown["id"].as_str().unwrap();
    let (_, minted) = mint(&app, &place, image_id, "preview", &bob).await;
    let (status, kind, disposition, bytes) = fetch(minted["url"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(kind, "image/png");
    assert!(disposition.starts_with("inline;"), "{disposition}");
    assert!(bytes.starts_with(b"\x89PNG"));
    // A small image is its own thumbnail.
    let (status, minted) = mint(&app, &place, image_id, "thumbnail", &bob).await;
    assert_eq!(status, StatusCode::OK, "{minted}");

    let (status, pane) = app.get(&format!("{place}/files"), &bob).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(pane["items"].as_array().unwrap().len(), 2);

    let message = sent["id"].as_str().unwrap();
    let (status, _) = app
        .delete(&format!("{place}/messages/{message}"), &ann)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, pane) = app.get(&format!("{place}/files"), &bob).await;
    assert_eq!(pane["items"], json!([]));
    let (status, _) = mint(&app, &place, image_id, "download", &bob).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Out of S3 after the grace period: the bucket's lifecycle rule expires tagged objects.
    let blobs = app.state.blobs.as_ref().unwrap();
    let tagging = blobs
        .client()
        .get_object_tagging()
        .bucket(blobs.bucket())
        .key(format!("files/{image_id}"))
        .send()
        .await
        .unwrap();
    assert!(
        tagging
            .tag_set()
            .iter()
            .any(|t| t.key() == blobs::DELETED_TAG.0 && t.value() == blobs::DELETED_TAG.1),
        "{tagging:?}"
    );
    let (_, history) = app.get(&format!("{place}/messages"), &bob).await;
    let deleted = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == message)
        .unwrap();
    assert_eq!(deleted["attachments"], json!([]));
}

#[tokio::test]
async fn the_files_pane_pages_newest_first_with_replies_in_it() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let mut names = Vec::new();
    let mut root = Value::Null;
    for i in 0..3 {
        let name = format!("part-{i}.txt");
        let upload = app
            .upload(&ann, &name, "text/plain", format!("part {i}").as_bytes())
            .await;
        let mut body = json!({"body": format!("part {i}"), "attachmentIDs": [upload]});
        if i == 2 {
            body["threadRootID"] = root["id"].clone();
        }
        let sent = app.say(&place, &ann, body).await;
        if i == 0 {
            root = sent;
        }
        names.push(name);
    }
    let (_, first) = app.get(&format!("{place}/files?limit=2"), &ann).await;
    let first_names: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(first_names, ["part-2.txt", "part-1.txt"]);
    assert_eq!(first["items"][0]["threadRootID"], root["id"]);
    let cursor = first["nextCursor"].as_str().unwrap();
    let (_, second) = app
        .get(&format!("{place}/files?limit=2&cursor={cursor}"), &ann)
        .await;
    assert_eq!(second["items"][0]["file"]["name"], "part-0.txt");
    assert_eq!(second["nextCursor"], Value::Null);
    let (status, body) = app
        .get(&format!("{place}/files?cursor=nonsense"), &ann)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "invalid_cursor");
}

/// Where a photo was taken stays with its author: the copy others download has no EXIF (GPS
/// included) and no text chunks, and still shows the same picture.
#[tokio::test]
async fn the_copy_others_download_has_no_location_in_it() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let place = app.room(&ann, &[&bob]).await;
    let exif: &[u8] = b"MM\x00\x2a\x00\x00\x00\x08GPSLatitude 48.8584 N GPSLongitude 2.2945 E";
    let photo = super::png_with(
        2,
        1,
        &[0, 255, 0, 0, 0, 0, 255, 0],
        &[
            (b"eXIf", exif),
            (b"tEXt", b"Comment\x00taken at home, 12 Rue Example"),
        ],
    );
    let upload = app.upload(&ann, "holiday.png", "image/png", &photo).await;
    let sent = app
        .say(&place, &ann, json!({"body": "", "attachmentIDs": [upload]}))
        .await;
    let file = &sent["attachments"][0];
    let id = file["id"].as_str().unwrap();
    let (_, minted) = mint(&app, &place, id, "download", &bob).await;
    let (_, _, _, bytes) = fetch(minted["url"].as_str().unwrap()).await;
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(
        !has(b"GPSLatitude") && !has(b"eXIf"),
        "the location went out"
    );
    assert!(
        !has(b"Rue Example") && !has(b"tEXt"),
        "the comment went out"
    );
    assert_eq!(file["size"], bytes.len(), "the size shown is the copy's");
    assert_eq!(file["image"]["width"], 2);
}
