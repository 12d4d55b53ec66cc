//! Pages across many places: however a page is cut short (here: no time at all, so every page
//! checks one batch and answers), following the cursors gives every match exactly once,
//! newest first, whichever word leads in each place.

use std::time::Duration;

use domain::user::Role;
use serde_json::json;

use super::{ask, index};
use crate::{Person, TestApp, spawn_app};

/// Every body `who` finds with `q`, following the cursors to the end; and how many pages it
/// took.
async fn all_pages(app: &TestApp, who: &Person, q: &str) -> (Vec<String>, usize) {
    let mut seen = Vec::new();
    let mut cursor = String::new();
    for pages in 1..=200 {
        let (status, page) = ask(app, who, "messages", q, &format!("&limit=8{cursor}")).await;
        assert_eq!(status, 200, "{page}");
        for hit in page["items"].as_array().unwrap() {
            seen.push(hit["message"]["body"].as_str().unwrap().to_string());
        }
        match page["nextCursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => return (seen, pages),
        }
    }
    panic!("{q}: still a cursor after 200 pages");
}

#[tokio::test]
async fn pages_cut_short_still_give_every_match_once_in_order() {
    let mut app = spawn_app().await;
    app.state.rate_limits = api::RateLimits::unlimited();
    app.state.search_time = Duration::ZERO;
    app.router = api::router(app.state.clone());
    let ann = app.person("ann", Role::Member).await;
    let rooms = [
        app.room(&ann, &[]).await,
        app.room(&ann, &[]).await,
        app.room(&ann, &[]).await,
    ];
    // 150 notes across three channels, most in the first (so a page of each covers spans of
    // time far apart), one in ten also "rare".
    let mut sent = Vec::new();
    for n in 0..150 {
        let body = if n % 10 == 0 {
            format!("note {n} rare")
        } else {
            format!("note {n}")
        };
        app.say(
            &rooms[[0, 0, 1, 0, 0, 2][n % 6]],
            &ann,
            json!({ "body": body }),
        )
        .await;
        sent.push(body);
    }
    index(&app).await;
    let newest_first: Vec<String> = sent.iter().rev().cloned().collect();

    // One common word: more than a batch, so the pages are cut short on the way.
    let (found, pages) = all_pages(&app, &ann, "note").await;
    assert_eq!(found, newest_first);
    assert!(pages > 3, "only {pages} pages: none was cut short");

    // "note" leads at first; "rare" is rarer in every channel and takes over there.
    let (found, _) = all_pages(&app, &ann, "note rare").await;
    let rare: Vec<String> = newest_first
        .iter()
        .filter(|b| b.ends_with("rare"))
        .cloned()
        .collect();
    assert_eq!(found, rare);
}
