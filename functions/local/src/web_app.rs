//! The built web app (web/dist) as CloudFront serves it in AWS: its files, index.html for the
//! app's client-side routes, the same security headers, and 404 for paths no file can have.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::services::{ServeDir, ServeFile};

/// The longest file name the usual file systems allow, in bytes.
const NAME_MAX_BYTES: usize = 255;

/// The app's files from `web_dist`, every answer with `headers`.
pub fn router<S: Clone + Send + Sync + 'static>(
    web_dist: &Path,
    headers: Vec<(axum::http::HeaderName, axum::http::HeaderValue)>,
) -> Router<S> {
    let index = web_dist.join("index.html");
    let headers = Arc::new(headers);
    Router::new()
        .fallback_service(ServeDir::new(web_dist).fallback(ServeFile::new(index)))
        .layer(axum::middleware::from_fn(not_found_if_impossible))
        .layer(axum::middleware::map_response(
            move |mut response: Response| {
                let headers = headers.clone();
                async move {
                    for (name, value) in headers.iter() {
                        response.headers_mut().insert(name.clone(), value.clone());
                    }
                    response
                }
            },
        ))
}

/// A path no file and no page of the app can have is not found: asked of the disk it fails
/// with an error (the name is too long, it holds a NUL) that the file server answers 500 to.
async fn not_found_if_impossible(request: Request, next: Next) -> Response {
    if impossible(request.uri().path()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

/// Whether a segment of `path`, percent-decoded, is longer than a file name may be, is not
/// UTF-8, or holds a control character (NUL among them).
fn impossible(path: &str) -> bool {
    path.split('/').any(|segment| {
        let bytes = percent_decoded(segment);
        bytes.len() > NAME_MAX_BYTES
            || std::str::from_utf8(&bytes).map_or(true, |s| s.chars().any(char::is_control))
    })
}

/// `segment` with each `%XX` turned into its byte (a `%` not followed by two hex digits stays).
fn percent_decoded(segment: &str) -> Vec<u8> {
    let raw = segment.as_bytes();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            raw[i],
            raw.get(i + 1).copied().and_then(hex),
            raw.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or_default());
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_no_file_can_have_are_impossible() {
        assert!(impossible(&format!("/{}", "a".repeat(256))));
        assert!(impossible(&format!("/c/{}", "%41".repeat(256))));
        assert!(impossible("/c/a%00b"));
        assert!(impossible("/c/%0a"));
        assert!(impossible("/c/%ff%fe"));
    }

    #[test]
    fn the_apps_routes_and_files_are_possible() {
        for path in [
            "/",
            "/c/general",
            "/assets/index-3f2a.js",
            "/invite/abc_DEF-123",
            "/c/caf%C3%A9",
            &format!("/{}", "a".repeat(255)),
            "/100%",
        ] {
            assert!(!impossible(path), "{path}");
        }
    }
}
