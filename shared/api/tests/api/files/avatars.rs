//! Pictures: uploaded, cropped square, seen by everyone signed in, removed again.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::{Value, json};

use super::png;
use crate::{code, spawn_app};

/// A 300 x 200 opaque PNG.
fn landscape() -> Vec<u8> {
    let row: Vec<u8> = std::iter::once(0)
        .chain((0..300).flat_map(|x| [x as u8, 80, 160]))
        .collect();
    let raw: Vec<u8> = (0..200).flat_map(|_| row.clone()).collect();
    png(300, 200, &raw)
}

/// Width and height of a PNG or a baseline JPEG.
fn dimensions(bytes: &[u8]) -> (u32, u32) {
    if bytes.starts_with(b"\x89PNG") {
        let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
        return (be(16), be(20));
    }
    let mut at = 2;
    while at + 9 < bytes.len() {
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if (0xC0..=0xC2).contains(&marker) {
            let h = u16::from_be_bytes([bytes[at + 5], bytes[at + 6]]);
            let w = u16::from_be_bytes([bytes[at + 7], bytes[at + 8]]);
            return (u32::from(w), u32::from(h));
        }
        at += 2 + length;
    }
    panic!("not a PNG or JPEG I can read")
}

#[tokio::test]
async fn a_picture_is_cropped_square_and_everyone_signed_in_sees_it() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Guest).await;
    let upload = app.upload(&ann, "me.png", "image/png", &landscape()).await;
    let (status, me) = app
        .put("/api/v1/users/me/avatar", &ann, json!({"uploadID": upload}))
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert!(me["avatar"].is_string(), "{me}");

    let (status, minted) = app
        .get(&format!("/api/v1/users/{}/avatar", ann.id()), &bob)
        .await;
    assert_eq!(status, StatusCode::OK, "{minted}");
    let answer = reqwest::get(minted["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(answer.status(), 200);
    let kind = answer.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(kind == "image/jpeg" || kind == "image/png", "{kind}");
    let bytes = answer.bytes().await.unwrap();
    assert_eq!(dimensions(&bytes), (256, 256));
    // Others see which picture it is, to fetch it again when it changes.
    let (_, people) = app
        .post("/api/v1/users/batch", &bob, json!({"ids": [ann.id()]}))
        .await;
    assert_eq!(people[0]["avatar"], me["avatar"], "{people}");

    let (status, me) = app.delete("/api/v1/users/me/avatar", &ann).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["avatar"], Value::Null);
    let (status, body) = app
        .get(&format!("/api/v1/users/{}/avatar", ann.id()), &bob)
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "user_not_found")
    );
}

#[tokio::test]
async fn only_an_image_of_your_own_becomes_your_picture() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let text = app
        .upload(&ann, "me.pdf", "application/pdf", b"%PDF-1.4 not a face")
        .await;
    let (status, body) = app
        .put("/api/v1/users/me/avatar", &ann, json!({"uploadID": text}))
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "file_type_mismatch")
    );
    let anns = app.upload(&ann, "me.png", "image/png", &landscape()).await;
    let (status, body) = app
        .put("/api/v1/users/me/avatar", &bob, json!({"uploadID": anns}))
        .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::NOT_FOUND, "upload_not_found")
    );
}
