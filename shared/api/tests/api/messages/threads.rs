//! Threads: replies counted on the root and kept out of the main history, paging a thread,
//! following one, simultaneous replies, and how far each thread was read.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::{Value, json};

use crate::{Person, spawn_app};

#[tokio::test]
async fn threads_count_replies_and_keep_them_out_of_the_main_history() {
    let app = spawn_app().await;
    let (ann, bob, cy, dan) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
        app.person("dan", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob, &cy, &dan]).await;
    let root = app.say(&place, &ann, json!({"body": "plan?"})).await;
    let root_id = root["id"].as_str().unwrap().to_string();
    for (who, body) in [(&bob, "one"), (&cy, "two"), (&dan, "three"), (&bob, "four")] {
        let reply = app
            .say(&place, who, json!({"body": body, "threadRootID": root_id}))
            .await;
        assert_eq!(reply["threadRootID"], root_id.as_str());
    }
    let (_, page) = app.get(&format!("{place}/messages"), &ann).await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "replies stay in the thread: {page}");
    assert_eq!(items[0]["replyCount"], 4);
    let recent: Vec<&str> = items[0]["recentReplierIDs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        recent,
        [cy.id(), dan.id(), bob.id()],
        "three most recent, newest last"
    );

    let thread = format!("{place}/messages/{root_id}/thread");
    let (_, first) = app.get(&format!("{thread}?limit=3"), &dan).await;
    let bodies = |page: &Value| -> Vec<String> {
        page["replies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["body"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(bodies(&first), ["one", "two", "three"]);
    assert_eq!(first["following"], true, "a replier follows");
    let next = first["nextCursor"].as_str().unwrap();
    let (_, rest) = app.get(&format!("{thread}?after={next}"), &dan).await;
    assert_eq!(bodies(&rest), ["four"]);
    assert!(rest["nextCursor"].is_null());

    // A reply to a reply, or to nothing, is refused.
    let reply_id = first["replies"][0]["id"].as_str().unwrap();
    let (status, _) = app
        .post(
            &format!("{place}/messages"),
            &bob,
            json!({"body": "x", "threadRootID": reply_id}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The root's author follows; unfollowing is remembered.
    let (_, threads) = app.get("/api/v1/threads", &ann).await;
    assert_eq!(threads[0]["root"]["id"], root_id.as_str());
    let follow = format!("{place}/messages/{root_id}/follow");
    assert_eq!(
        app.put(&follow, &ann, json!({"following": false})).await.0,
        StatusCode::NO_CONTENT
    );
    app.say(
        &place,
        &ann,
        json!({"body": "five", "threadRootID": root_id}),
    )
    .await;
    let (_, threads) = app.get("/api/v1/threads", &ann).await;
    assert!(threads.as_array().unwrap().is_empty(), "{threads}");
}

#[tokio::test]
async fn simultaneous_replies_each_get_their_own_place_in_the_thread() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let names: Vec<String> = (0..8).map(|i| format!("r{i}")).collect();
    let people: Vec<Person> =
        futures::future::join_all(names.iter().map(|n| app.person(n, Role::Member))).await;
    let place = app.room(&ann, &people.iter().collect::<Vec<_>>()).await;
    let root = app.say(&place, &ann, json!({"body": "go"})).await;
    let root_id = root["id"].as_str().unwrap();
    let path = format!("{place}/messages");
    let answers = futures::future::join_all(
        people
            .iter()
            .map(|p| app.post(&path, p, json!({"body": "me", "threadRootID": root_id}))),
    )
    .await;
    let mut seqs: Vec<u64> = answers
        .iter()
        .map(|(s, m)| {
            assert_eq!(*s, StatusCode::CREATED, "{m}");
            m["seq"].as_u64().unwrap()
        })
        .collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=8).collect::<Vec<u64>>());
    let (_, thread) = app.get(&format!("{path}/{root_id}/thread"), &ann).await;
    assert_eq!(thread["root"]["replyCount"], 8);
    assert_eq!(thread["replies"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn the_threads_view_knows_how_far_each_thread_was_read() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let place = app.room(&ann, &[&bob]).await;
    let root = app.say(&place, &ann, json!({"body": "thoughts?"})).await;
    let root_id = root["id"].as_str().unwrap();
    for body in ["a", "b", "c"] {
        app.say(&place, &bob, json!({"body": body, "threadRootID": root_id}))
            .await;
    }
    let read = format!("{place}/messages/{root_id}/thread/read");
    assert_eq!(
        app.post(&read, &ann, json!({"seq": 2})).await.0,
        StatusCode::NO_CONTENT
    );
    // Past the newest reply is held at the newest; going back is ignored.
    assert_eq!(
        app.post(&read, &ann, json!({"seq": 99})).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.post(&read, &ann, json!({"seq": 1})).await.0,
        StatusCode::NO_CONTENT
    );
    let (_, threads) = app.get("/api/v1/threads", &ann).await;
    assert_eq!(threads[0]["root"]["replyCount"], 3);
    assert_eq!(threads[0]["lastReadReply"], 3);
}
