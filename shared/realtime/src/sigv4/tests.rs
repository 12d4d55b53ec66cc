//! Tests of `sigv4`.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;

use super::*;

/// The headers `aws-sigv4` adds to the same request.
fn reference(
    method: &str,
    url: &str,
    headers: &HeaderMap,
    body: &[u8],
    credentials: &Credentials,
    at: SystemTime,
    region: &str,
) -> http::Request<Vec<u8>> {
    let identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("execute-api")
        .time(at)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let mut request = http::Request::builder()
        .method(method)
        .uri(url)
        .body(body.to_vec())
        .unwrap();
    *request.headers_mut() = headers.clone();
    let signable = SignableRequest::new(
        method,
        url,
        headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.to_str().unwrap())),
        SignableBody::Bytes(body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    instructions.apply_to_request_http1x(&mut request);
    request
}

#[test]
fn signs_as_aws_sigv4_does() {
    // (method, URL, headers, body, session token)
    type Case<'a> = (
        &'a str,
        &'a str,
        Vec<(&'a str, &'a str)>,
        &'a [u8],
        Option<&'a str>,
    );
    let cases: Vec<Case> = vec![
        (
            "POST",
            "https://abc.execute-api.eu-west-1.amazonaws.com/prod/@connections/a%2Bb%2Fc%3D",
            vec![
                ("content-type", "application/octet-stream"),
                ("content-length", "15"),
            ],
            br#"{"type":"pong"}"#,
            Some("token"),
        ),
        (
            "DELETE",
            "http://127.0.0.1:3001/@connections/01JABCDEFGHJKMNPQRSTVWXYZ0",
            vec![],
            b"",
            None,
        ),
        (
            "POST",
            "http://localhost:80/dev/@connections/x",
            vec![
                ("x-custom", "  two   spaces  here "),
                ("x-custom", "again"),
                ("user-agent", "not signed"),
            ],
            b"frame",
            Some("another token"),
        ),
    ];
    let signer = Signer::new("eu-west-1", "execute-api");
    for (i, (method, url, extra, body, token)) in cases.into_iter().enumerate() {
        // Two days, so the kept key must be derived again.
        for day in [0u64, 1] {
            let at = UNIX_EPOCH + Duration::from_secs(1_765_000_000 + day * 86_400 + i as u64);
            let credentials =
                Credentials::new("AKIDEXAMPLE", "secret", token.map(String::from), None, "t");
            let mut headers = HeaderMap::new();
            for (name, value) in &extra {
                headers.append(
                    HeaderName::from_bytes(name.as_bytes()).unwrap(),
                    HeaderValue::from_str(value).unwrap(),
                );
            }
            let expected = reference(method, url, &headers, body, &credentials, at, "eu-west-1");
            signer
                .sign(
                    method,
                    &url.parse().unwrap(),
                    &mut headers,
                    body,
                    &credentials,
                    at,
                )
                .unwrap();
            for name in ["authorization", "x-amz-date", "x-amz-security-token"] {
                assert_eq!(
                    headers.get(name),
                    expected.headers().get(name),
                    "case {i}, day {day}: {name}"
                );
            }
        }
    }
}

#[test]
fn new_credentials_get_a_new_key() {
    let signer = Signer::new("us-east-1", "execute-api");
    let at = UNIX_EPOCH + Duration::from_secs(1_765_000_000);
    let url = "https://abc.execute-api.us-east-1.amazonaws.com/prod/@connections/x";
    for secret in ["first", "second"] {
        let credentials = Credentials::new("AKID", secret, None, None, "t");
        let mut headers = HeaderMap::new();
        let expected = reference("POST", url, &headers, b"", &credentials, at, "us-east-1");
        signer
            .sign(
                "POST",
                &url.parse().unwrap(),
                &mut headers,
                b"",
                &credentials,
                at,
            )
            .unwrap();
        assert_eq!(
            headers.get("authorization"),
            expected.headers().get("authorization"),
            "{secret}"
        );
    }
}

#[test]
fn paths_that_would_need_normalising_are_refused() {
    let signer = Signer::new("us-east-1", "execute-api");
    let credentials = Credentials::new("AKID", "s", None, None, "t");
    for url in [
        "http://h/a/../b",
        "http://h/a//b",
        "http://h/./a",
        "http://h/a?x=1",
    ] {
        let outcome = signer.sign(
            "POST",
            &url.parse().unwrap(),
            &mut HeaderMap::new(),
            b"",
            &credentials,
            SystemTime::now(),
        );
        assert!(outcome.is_err(), "{url}");
    }
}
