//! Queries that cannot mean anything get a 400 with a stable code and a message naming the
//! part to fix; odd but meaningful ones are searched; nothing answers 5xx.

use domain::user::Role;

use super::{ask, index};
use crate::{code, spawn_app};

#[tokio::test]
async fn bad_queries_are_refused_with_a_code_and_odd_ones_are_searched() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let room = app.room(&ann, &[]).await;
    app.say(
        &room,
        &ann,
        serde_json::json!({"body": "hello (world) [x] a*b?"}),
    )
    .await;
    index(&app).await;
    let thousand = vec!["word"; 1000].join(" ");
    for (q, expected) in [
        ("", "search_query_empty"),
        ("   ", "search_query_empty"),
        ("*** ???", "search_query_empty"),
        (thousand.as_str(), "search_query_too_long"),
        ("from:", "invalid_search_filter"),
        ("has:banana", "invalid_search_filter"),
        ("is:everything", "invalid_search_filter"),
        ("mentions:@bob", "invalid_search_filter"),
        ("in:#a in:#b", "invalid_search_filter"),
        ("on:2026-02-30", "invalid_search_date"),
        ("before:tomorrowish", "invalid_search_date"),
        ("after:2026-13-01", "invalid_search_date"),
        ("hello in:#no-such-channel", "unknown_search_place"),
    ] {
        let (status, body) = ask(&app, &ann, "messages", q, "").await;
        assert_eq!(status, 400, "{q:?}: {body}");
        assert_eq!(code(&body), expected, "{q:?}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    // Regex and wildcard characters are punctuation; an unbalanced quote runs to the end.
    for q in [
        "(world)",
        "a*b?",
        "[x]",
        "^hello$",
        "\"hello world",
        "hello\\",
    ] {
        let (status, body) = ask(&app, &ann, "messages", q, "").await;
        assert_eq!(status, 200, "{q:?}: {body}");
        assert_eq!(body["items"].as_array().unwrap().len(), 1, "{q:?}");
    }
    for (kind, extra) in [
        ("messages", "&cursor=zzz"),
        ("messages", "&sort=relevance&cursor=n1"),
        ("files", "&limit=0"),
    ] {
        let (status, body) = ask(&app, &ann, kind, "hello", extra).await;
        assert_eq!(status, 400, "{kind}{extra}: {body}");
    }
    for kind in ["people", "channels"] {
        let (status, body) = ask(&app, &ann, kind, " @ ", "").await;
        assert_eq!((status.as_u16(), code(&body)), (400, "search_query_empty"));
        let (status, body) = ask(&app, &ann, kind, &"x".repeat(65), "").await;
        assert_eq!(
            (status.as_u16(), code(&body)),
            (400, "search_query_too_long")
        );
    }
}
