//! The uploads bucket against the S3 stand-in the stack runs (ministack): S3 itself refuses a
//! body other than the one a presigned PUT declared, and reads answer what was stored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use blobs::{Blobs, Disposition};
use domain::files::Sha256;
use sha2::Digest;

async fn bucket() -> Blobs {
    let endpoint = std::env::var("S3_ENDPOINT")
        .expect("S3_ENDPOINT is not set: run the tests with `make test`");
    let bucket = std::env::var("UPLOADS_BUCKET").expect("UPLOADS_BUCKET is not set");
    let blobs = Blobs::connect(&bucket, "us-east-1", Some(&endpoint)).await;
    // The stack creates it; a second create is harmless.
    let _ = blobs.client().create_bucket().bucket(&bucket).send().await;
    blobs
}

fn digest(bytes: &[u8]) -> Sha256 {
    Sha256(sha2::Sha256::digest(bytes).into())
}

fn key() -> String {
    format!("pending/test/{}", ulid::Ulid::new())
}

/// PUTs `body` as a browser does: the signed headers, and the body's own length.
async fn put(url: &str, headers: &[(String, String)], body: Vec<u8>) -> u16 {
    let client = reqwest::Client::new();
    let mut request = client.put(url).body(body);
    for (name, value) in headers {
        if name != "content-length" {
            request = request.header(name, value);
        }
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn a_presigned_put_takes_exactly_the_declared_bytes() {
    let blobs = bucket().await;
    let body = b"the quarterly report, as promised".to_vec();
    let key = key();
    let grant = blobs
        .presign_put(
            &key,
            body.len() as u64,
            digest(&body),
            "text/plain",
            Duration::from_secs(60),
        )
        .await
        .unwrap();

    // The same length, other bytes: the checksum does not match.
    let mut other = body.clone();
    other[0] = b'T';
    let refused = put(&grant.url, &grant.headers, other).await;
    assert!((400..500).contains(&refused), "{refused}");
    // More bytes than declared.
    let mut longer = body.clone();
    longer.extend_from_slice(b" and more");
    let refused = put(&grant.url, &grant.headers, longer).await;
    assert!((400..500).contains(&refused), "{refused}");
    assert_eq!(blobs.head(&key).await.unwrap(), None, "nothing was stored");

    assert_eq!(put(&grant.url, &grant.headers, body.clone()).await, 200);
    let stored = blobs.head(&key).await.unwrap().unwrap();
    assert_eq!(stored.size, body.len() as u64);
    assert_eq!(stored.sha256, Some(digest(&body)));
    assert_eq!(blobs.read(&key, 7).await.unwrap().unwrap(), b"the qua");
    assert_eq!(blobs.read(&key, 4096).await.unwrap().unwrap(), body);
}

#[tokio::test]
async fn a_presigned_get_serves_the_file_as_told() {
    let blobs = bucket().await;
    let key = key();
    blobs
        .put(
            &key,
            b"<html><script>alert(1)</script>".to_vec(),
            "text/html",
        )
        .await
        .unwrap();
    let url = blobs
        .presign_get(
            &key,
            "page.html",
            Disposition::Attachment,
            Duration::from_secs(60),
        )
        .await
        .unwrap();
    let answer = reqwest::get(&url).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "application/octet-stream");
    let disposition = answer.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"page.html\""),
        "{disposition}"
    );

    let copy = format!("{key}-copy");
    blobs.copy(&key, &copy, "text/plain").await.unwrap();
    assert_eq!(blobs.head(&copy).await.unwrap().unwrap().size, 31);
    blobs.delete(&copy).await.unwrap();
    assert_eq!(blobs.head(&copy).await.unwrap(), None);
    assert_eq!(blobs.read(&copy, 10).await.unwrap(), None);
    blobs.mark_deleted(&key).await.unwrap();
}

/// The stack's bucket, like the template's, lets only the app's own pages PUT to it.
#[tokio::test]
async fn only_the_apps_origin_may_put_from_a_browser() {
    let endpoint = std::env::var("S3_ENDPOINT").expect("S3_ENDPOINT is not set");
    let bucket = std::env::var("UPLOADS_BUCKET").expect("UPLOADS_BUCKET is not set");
    let app = std::env::var("BASE_URL").expect("BASE_URL is not set");
    let preflight = |origin: String| {
        let url = format!("{endpoint}/{bucket}/pending/someone/something");
        async move {
            reqwest::Client::new()
                .request(reqwest::Method::OPTIONS, url)
                .header("origin", origin)
                .header("access-control-request-method", "PUT")
                .header(
                    "access-control-request-headers",
                    "content-type,x-amz-checksum-sha256",
                )
                .send()
                .await
                .unwrap()
        }
    };
    let allowed = preflight(app.clone()).await;
    assert_eq!(allowed.status(), 200);
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        app.as_str()
    );
    let refused = preflight("http://evil.test".into()).await;
    assert!(
        refused
            .headers()
            .get("access-control-allow-origin")
            .is_none(),
        "{:?}",
        refused.headers()
    );
}
