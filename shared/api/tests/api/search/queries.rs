//! What the query language means, end to end: all words, phrases, prefixes, filters, dates,
//! the two orders, pages, and edits and deletes counting at once.

use domain::user::Role;
use serde_json::json;

use super::{ask, bodies, index};
use crate::spawn_app;

#[tokio::test]
async fn words_phrases_prefixes_and_filters() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let bob = app.person("bob", Role::Member).await;
    let room = app.room(&ann, &[&bob]).await;
    for (who, body) in [
        (&ann, "The quarterly budget review is on Friday"),
        (&bob, "budget approved, see https://example.com/plan"),
        (&ann, "Friday review moved"),
        (&bob, "Café crème at the review"),
    ] {
        app.say(&room, who, json!({"body": body})).await;
    }
    index(&app).await;

    // Every word must match, newest first; case and accents do not matter.
    assert_eq!(
        bodies(&app, &ann, "review friday").await,
        vec![
            "Friday review moved",
            "The quarterly budget review is on Friday"
        ]
    );
    assert_eq!(
        bodies(&app, &ann, "CAFE creme").await,
        vec!["Café crème at the review"]
    );
    // A phrase: those words, side by side, in that order.
    assert_eq!(
        bodies(&app, &ann, "\"review moved\"").await,
        vec!["Friday review moved"]
    );
    assert_eq!(
        bodies(&app, &ann, "\"moved review\"").await,
        Vec::<String>::new()
    );
    // The last word as typed is a prefix; followed by a space it is a whole word.
    assert_eq!(
        bodies(&app, &ann, "quart").await,
        vec!["The quarterly budget review is on Friday"]
    );
    assert_eq!(bodies(&app, &ann, "quart ").await, Vec::<String>::new());
    // Filters.
    let from_bob = format!("budget from:@{}", bob.user.handle);
    assert_eq!(
        bodies(&app, &ann, &from_bob).await,
        vec!["budget approved, see https://example.com/plan"]
    );
    assert_eq!(
        bodies(&app, &ann, "has:link").await,
        vec!["budget approved, see https://example.com/plan"]
    );
    assert_eq!(
        bodies(&app, &ann, "from:@nobody-at-all").await,
        Vec::<String>::new()
    );
    // Today (UTC: nobody set a zone) holds them all; yesterday none.
    assert_eq!(bodies(&app, &ann, "review on:today").await.len(), 3);
    assert_eq!(
        bodies(&app, &ann, "review before:today").await,
        Vec::<String>::new()
    );
    assert_eq!(bodies(&app, &ann, "review after:yesterday").await.len(), 3);

    // The matched words come back marked in the snippet.
    let (_, page) = ask(&app, &ann, "messages", "budget review", "").await;
    let snippet = &page["items"][0]["snippet"];
    let marked: Vec<&str> = snippet
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["hit"] == true)
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, vec!["budget", "review"]);
}

#[tokio::test]
async fn edits_and_deletes_count_at_once_and_pages_follow_each_other() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let room = app.room(&ann, &[]).await;
    let mut ids = Vec::new();
    for n in 0..7 {
        let sent = app
            .say(&room, &ann, json!({"body": format!("standup note {n}")}))
            .await;
        ids.push(sent["id"].as_str().unwrap().to_string());
    }
    index(&app).await;
    // Pages of three, newest first, each going on where the last ended.
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let (status, page) = ask(
            &app,
            &ann,
            "messages",
            "standup",
            &format!("&limit=3{cursor}"),
        )
        .await;
        assert_eq!(status, 200, "{page}");
        for hit in page["items"].as_array().unwrap() {
            seen.push(hit["message"]["body"].as_str().unwrap().to_string());
        }
        match page["nextCursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    let expected: Vec<String> = (0..7).rev().map(|n| format!("standup note {n}")).collect();
    assert_eq!(seen, expected);

    // An edit: found by its new words, not its old ones, even before the index catches up.
    let (status, _) = app
        .patch(
            &format!("{room}/messages/{}", ids[0]),
            &ann,
            json!({"body": "retro summary"}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        !bodies(&app, &ann, "standup")
            .await
            .contains(&"retro summary".to_string())
    );
    index(&app).await;
    assert_eq!(bodies(&app, &ann, "retro").await, vec!["retro summary"]);
    // A delete: gone from results at once.
    let (status, _) = app
        .delete(&format!("{room}/messages/{}", ids[1]), &ann)
        .await;
    assert!(status.is_success());
    assert_eq!(bodies(&app, &ann, "standup").await.len(), 5);

    // Best match first: the message that says it twice and nothing else ranks first.
    app.say(&room, &ann, json!({"body": "standup standup"}))
        .await;
    index(&app).await;
    let (_, page) = ask(&app, &ann, "messages", "standup", "&sort=relevance").await;
    assert_eq!(page["items"][0]["message"]["body"], "standup standup");
}
