//! Messages through the API: edits, soft deletes, threads, reactions, pins, mentions, deep
//! links and the body limit.

use axum::http::StatusCode;
use domain::channel::ChannelRole;
use domain::user::Role;
use serde_json::{Value, json};

use crate::{Person, TestApp, code, spawn_app, unique};

/// A public channel owned by `owner` with `others` as members; its messages path.
async fn room(app: &TestApp, owner: &Person, others: &[&Person]) -> String {
    let id = app.channel(owner, &unique("room"), "public").await;
    for person in others {
        app.add(&id, person, ChannelRole::Member).await;
    }
    format!("/api/v1/channels/{id}")
}

async fn say(app: &TestApp, place: &str, who: &Person, body: Value) -> Value {
    let (status, message) = app.post(&format!("{place}/messages"), who, body).await;
    assert_eq!(status, StatusCode::CREATED, "{message}");
    message
}

#[tokio::test]
async fn only_the_author_edits_and_edits_are_marked() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let place = room(&app, &ann, &[&bob]).await;
    let message = say(&app, &place, &bob, json!({"body": "helo"})).await;
    let path = format!("{place}/messages/{}", message["id"].as_str().unwrap());
    let (status, answer) = app.patch(&path, &ann, json!({"body": "hijacked"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::FORBIDDEN, "not_author")
    );
    let (status, answer) = app.patch(&path, &bob, json!({"body": " "})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let (status, edited) = app.patch(&path, &bob, json!({"body": "hello"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(edited["body"], "hello");
    assert!(edited["editedAt"].is_string());
    let (_, page) = app.get(&format!("{place}/messages"), &ann).await;
    assert_eq!(page["items"][0]["body"], "hello");
}

#[tokio::test]
async fn deletes_are_soft_and_follow_the_roles() {
    let app = spawn_app().await;
    let (ann, bob, cy) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
    );
    let place = room(&app, &ann, &[&bob, &cy]).await;
    let root = say(&app, &place, &bob, json!({"body": "question"})).await;
    let root_id = root["id"].as_str().unwrap();
    say(
        &app,
        &place,
        &cy,
        json!({"body": "answer", "threadRootID": root_id}),
    )
    .await;
    let path = format!("{place}/messages/{root_id}");
    // A plain member cannot delete someone else's message; the channel owner can.
    assert_eq!(app.delete(&path, &cy).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.delete(&path, &ann).await.0, StatusCode::NO_CONTENT);
    let (status, answer) = app.patch(&path, &bob, json!({"body": "again"})).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "message_deleted")
    );
    // It keeps its place and its thread.
    let (_, page) = app.get(&format!("{place}/messages"), &cy).await;
    let shown = &page["items"][0];
    assert_eq!(
        (shown["deleted"].as_bool(), shown["body"].as_str()),
        (Some(true), Some(""))
    );
    assert_eq!(shown["replyCount"], 1);
    let (_, thread) = app.get(&format!("{path}/thread"), &cy).await;
    assert_eq!(thread["replies"][0]["body"], "answer");

    // In a conversation only the author deletes.
    let (_, dm) = app
        .post(
            "/api/v1/conversations",
            &ann,
            json!({"participantIDs": [bob.id()]}),
        )
        .await;
    let dm = format!(
        "/api/v1/conversations/{}",
        dm["conversation"]["id"].as_str().unwrap()
    );
    let mine = say(&app, &dm, &bob, json!({"body": "private"})).await;
    let mine = format!("{dm}/messages/{}", mine["id"].as_str().unwrap());
    assert_eq!(app.delete(&mine, &ann).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.delete(&mine, &bob).await.0, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn threads_count_replies_and_keep_them_out_of_the_main_history() {
    let app = spawn_app().await;
    let (ann, bob, cy, dan) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("cy", Role::Member).await,
        app.person("dan", Role::Member).await,
    );
    let place = room(&app, &ann, &[&bob, &cy, &dan]).await;
    let root = say(&app, &place, &ann, json!({"body": "plan?"})).await;
    let root_id = root["id"].as_str().unwrap().to_string();
    for (who, body) in [(&bob, "one"), (&cy, "two"), (&dan, "three"), (&bob, "four")] {
        let reply = say(
            &app,
            &place,
            who,
            json!({"body": body, "threadRootID": root_id}),
        )
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
        app.call(
            axum::http::Method::PUT,
            &follow,
            Some(&ann),
            Some(json!({"following": false}))
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    say(
        &app,
        &place,
        &ann,
        json!({"body": "five", "threadRootID": root_id}),
    )
    .await;
    let (_, threads) = app.get("/api/v1/threads", &ann).await;
    assert!(threads.as_array().unwrap().is_empty(), "{threads}");
}

#[tokio::test]
async fn reactions_toggle_and_stop_at_sixteen_kinds() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = room(&app, &ann, &[]).await;
    let message = say(&app, &place, &ann, json!({"body": "react!"})).await;
    let base = format!(
        "{place}/messages/{}/reactions",
        message["id"].as_str().unwrap()
    );
    let react = |emoji: &str| format!("{base}/{}", urlencode(emoji));
    let put = axum::http::Method::PUT;
    let (status, reacted) = app
        .call(put.clone(), &react(":thumbsup:"), Some(&ann), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{reacted}");
    assert_eq!(reacted["reactions"]["👍"], json!([ann.id()]));
    let (_, removed) = app.delete(&react("👍"), &ann).await;
    assert!(removed["reactions"].get("👍").is_none(), "{removed}");
    let (status, answer) = app
        .call(put.clone(), &react("nope"), Some(&ann), None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");

    let sixteen = [
        "😀", "😂", "😍", "😎", "😢", "😡", "👍", "👎", "🎉", "❤️", "🔥", "👀", "🙏", "💯", "🚀",
        "✅",
    ];
    for emoji in sixteen {
        assert_eq!(
            app.call(put.clone(), &react(emoji), Some(&ann), None)
                .await
                .0,
            StatusCode::OK,
            "{emoji}"
        );
    }
    let (status, answer) = app.call(put.clone(), &react("🤔"), Some(&ann), None).await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::BAD_REQUEST, "too_many_reactions")
    );
    // One already there still takes more people.
    let bob = app.person("bob", Role::Member).await;
    app.add(
        place.trim_start_matches("/api/v1/channels/"),
        &bob,
        ChannelRole::Member,
    )
    .await;
    let (status, both) = app.call(put, &react("🎉"), Some(&bob), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(both["reactions"]["🎉"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn people_reacting_at_the_same_moment_all_count() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let names: Vec<String> = (0..10).map(|i| format!("p{i}")).collect();
    let people: Vec<Person> =
        futures::future::join_all(names.iter().map(|n| app.person(n, Role::Member))).await;
    let place = room(&app, &ann, &people.iter().collect::<Vec<_>>()).await;
    let message = say(&app, &place, &ann, json!({"body": "vote"})).await;
    let path = format!(
        "{place}/messages/{}/reactions/{}",
        message["id"].as_str().unwrap(),
        urlencode("👍")
    );
    let answers = futures::future::join_all(
        people
            .iter()
            .map(|p| app.call(axum::http::Method::PUT, &path, Some(p), None)),
    )
    .await;
    assert!(answers.iter().all(|(s, _)| *s == StatusCode::OK));
    let (_, page) = app.get(&format!("{place}/messages"), &ann).await;
    assert_eq!(
        page["items"][0]["reactions"]["👍"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
}

#[tokio::test]
async fn pins_are_listed_until_unpinned_or_deleted() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = room(&app, &ann, &[]).await;
    let first = say(&app, &place, &ann, json!({"body": "first"})).await;
    let second = say(&app, &place, &ann, json!({"body": "second"})).await;
    let pin = |m: &Value| format!("{place}/messages/{}/pin", m["id"].as_str().unwrap());
    let put = axum::http::Method::PUT;
    for m in [&first, &second] {
        let (status, pinned) = app
            .call(
                put.clone(),
                &pin(m),
                Some(&ann),
                Some(json!({"pinned": true})),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(pinned["pinnedBy"], ann.id().as_str());
    }
    let pinned = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|m| m["body"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, list) = app.get(&format!("{place}/pins"), &ann).await;
    assert_eq!(pinned(&list), ["second", "first"]);
    app.call(
        put,
        &pin(&first),
        Some(&ann),
        Some(json!({"pinned": false})),
    )
    .await;
    let (_, list) = app.get(&format!("{place}/pins"), &ann).await;
    assert_eq!(pinned(&list), ["second"]);
    app.delete(
        &format!("{place}/messages/{}", second["id"].as_str().unwrap()),
        &ann,
    )
    .await;
    let (_, list) = app.get(&format!("{place}/pins"), &ann).await;
    assert!(list.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn mentions_resolve_handles_and_count_for_members_until_read() {
    let app = spawn_app().await;
    let (ann, bob, eve) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
        app.person("eve", Role::Member).await,
    );
    let place = room(&app, &ann, &[&bob]).await;
    let body = format!(
        "hi @{} and @{}, see @here (mail ann@example.com)",
        bob.user.handle, eve.user.handle
    );
    let message = say(&app, &place, &ann, json!({"body": body})).await;
    let mut ids: Vec<&str> = message["mentionIDs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    ids.sort();
    let mut expected = [bob.id(), eve.id()];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(
        (
            message["mentionsHere"].as_bool(),
            message["mentionsAll"].as_bool()
        ),
        (Some(true), Some(false))
    );

    let row = |sidebar: Value, id: &str| {
        sidebar["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["channel"]["id"] == id)
            .map(|c| c["membership"].clone())
    };
    let channel = place.trim_start_matches("/api/v1/channels/").to_string();
    let bobs = row(app.get("/api/v1/sidebar", &bob).await.1, &channel).unwrap();
    assert_eq!(bobs["mentionCount"], 1);
    let (_, read) = app
        .post(
            &format!("{place}/read"),
            &bob,
            json!({"seq": message["seq"]}),
        )
        .await;
    assert_eq!(read["mentionCount"], 0, "caught up clears mentions");
    // eve is not a member: nothing counted for her.
    assert!(row(app.get("/api/v1/sidebar", &eve).await.1, &channel).is_none());
}

#[tokio::test]
async fn a_deep_link_opens_the_history_around_its_message() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = room(&app, &ann, &[]).await;
    let mut sent = Vec::new();
    for i in 0..30 {
        sent.push(say(&app, &place, &ann, json!({"body": format!("m{i}")})).await);
    }
    let target = sent[10]["id"].as_str().unwrap();
    let (status, page) = app
        .get(&format!("{place}/messages?around={target}&limit=9"), &ann)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let bodies: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert_eq!(
        bodies,
        ["m14", "m13", "m12", "m11", "m10", "m9", "m8", "m7", "m6"]
    );
    assert_eq!(
        (
            page["hasMoreOlder"].as_bool(),
            page["hasMoreNewer"].as_bool()
        ),
        (Some(true), Some(true))
    );
    let (status, answer) = app
        .get(
            &format!("{place}/messages?around={}", domain::MessageId::new()),
            &ann,
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "message_not_found")
    );
}

#[tokio::test]
async fn bodies_are_counted_as_people_see_characters() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = room(&app, &ann, &[]).await;
    let accented = "e\u{301}"; // é as e + a combining accent: two code points, one character
    say(&app, &place, &ann, json!({"body": accented.repeat(4096)})).await;
    let (status, answer) = app
        .post(
            &format!("{place}/messages"),
            &ann,
            json!({"body": accented.repeat(4097)}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("4097")
    );
}

#[tokio::test]
async fn a_message_of_only_invisible_characters_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = room(&app, &ann, &[]).await;
    let root = say(&app, &place, &ann, json!({"body": "visible"})).await;
    let root_id = root["id"].as_str().unwrap();
    let message = format!("{place}/messages/{root_id}");
    for blank in [
        "\u{200B}",
        " \u{200B}\u{200D}\n\u{FEFF} ",
        "\u{2060}",
        "\u{0301}",
    ] {
        let sends = [
            json!({"body": blank}),
            json!({"body": blank, "threadRootID": root_id}),
        ];
        for body in sends {
            let (status, answer) = app.post(&format!("{place}/messages"), &ann, body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{blank:?}: {answer}");
            assert!(
                answer["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("visible"),
                "{answer}"
            );
        }
        let (status, answer) = app.patch(&message, &ann, json!({"body": blank})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{blank:?}: {answer}");
    }
    let (_, page) = app.get(&format!("{place}/messages"), &ann).await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["body"], "visible");
    assert!(items[0]["editedAt"].is_null(), "{page}");
    assert_eq!(items[0]["replyCount"], 0, "{page}");
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn simultaneous_replies_each_get_their_own_place_in_the_thread() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let names: Vec<String> = (0..8).map(|i| format!("r{i}")).collect();
    let people: Vec<Person> =
        futures::future::join_all(names.iter().map(|n| app.person(n, Role::Member))).await;
    let place = room(&app, &ann, &people.iter().collect::<Vec<_>>()).await;
    let root = say(&app, &place, &ann, json!({"body": "go"})).await;
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
async fn a_message_is_reached_only_through_its_own_conversation() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let here = room(&app, &ann, &[]).await;
    let elsewhere = room(&app, &ann, &[]).await;
    let message = say(&app, &elsewhere, &ann, json!({"body": "over there"})).await;
    let id = message["id"].as_str().unwrap();
    let (status, answer) = app
        .patch(
            &format!("{here}/messages/{id}"),
            &ann,
            json!({"body": "moved"}),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::NOT_FOUND, "message_not_found")
    );
    let (status, _) = app.delete(&format!("{here}/messages/{id}"), &ann).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .get(&format!("{here}/messages/not-an-id/thread"), &ann)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, still) = app.get(&format!("{elsewhere}/messages"), &ann).await;
    assert_eq!(still["items"][0]["body"], "over there");
}

#[tokio::test]
async fn the_threads_view_knows_how_far_each_thread_was_read() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let place = room(&app, &ann, &[&bob]).await;
    let root = say(&app, &place, &ann, json!({"body": "thoughts?"})).await;
    let root_id = root["id"].as_str().unwrap();
    for body in ["a", "b", "c"] {
        say(
            &app,
            &place,
            &bob,
            json!({"body": body, "threadRootID": root_id}),
        )
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

#[tokio::test]
async fn a_picked_handle_is_unique_and_mentions_follow_it() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let put = axum::http::Method::PUT;
    let handle = unique("bobby");
    let (status, me) = app
        .call(
            put.clone(),
            "/api/v1/users/me/handle",
            Some(&bob),
            Some(json!({"handle": format!("@{}", handle.to_uppercase())})),
        )
        .await;
    assert_eq!(
        (status, me["handle"].as_str()),
        (StatusCode::OK, Some(handle.as_str()))
    );
    let (status, answer) = app
        .call(
            put.clone(),
            "/api/v1/users/me/handle",
            Some(&ann),
            Some(json!({"handle": handle})),
        )
        .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "handle_taken")
    );
    let (status, _) = app
        .call(
            put,
            "/api/v1/users/me/handle",
            Some(&ann),
            Some(json!({"handle": "here"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let place = room(&app, &ann, &[&bob]).await;
    let old = say(
        &app,
        &place,
        &ann,
        json!({"body": format!("@{}", bob.user.handle)}),
    )
    .await;
    assert!(
        old["mentionIDs"].as_array().unwrap().is_empty(),
        "the old handle is free text now"
    );
    let new = say(&app, &place, &ann, json!({"body": format!("@{handle}")})).await;
    assert_eq!(new["mentionIDs"], json!([bob.id()]));
}

#[tokio::test]
async fn messages_written_before_reactions_and_threads_take_them_too() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = room(&app, &ann, &[]).await;
    let message = say(&app, &place, &ann, json!({"body": "old"})).await;
    let id = message["id"].as_str().unwrap();
    // Strip what older versions did not write.
    let channel = place.trim_start_matches("/api/v1/channels/");
    app.state
        .store
        .client()
        .update_item()
        .table_name(app.state.store.table())
        .key(
            "PK",
            aws_sdk_dynamodb::types::AttributeValue::S(format!("CHAN#{channel}")),
        )
        .key(
            "SK",
            aws_sdk_dynamodb::types::AttributeValue::S(format!("MSG#{id}")),
        )
        .update_expression("REMOVE reactions, replyCount, deleted")
        .send()
        .await
        .unwrap();
    let (status, reacted) = app
        .call(
            axum::http::Method::PUT,
            &format!("{place}/messages/{id}/reactions/{}", urlencode("👍")),
            Some(&ann),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{reacted}");
    assert_eq!(reacted["reactions"]["👍"], json!([ann.id()]));
    say(
        &app,
        &place,
        &ann,
        json!({"body": "reply", "threadRootID": id}),
    )
    .await;
    let (_, thread) = app
        .get(&format!("{place}/messages/{id}/thread"), &ann)
        .await;
    assert_eq!(thread["root"]["replyCount"], 1);
}

#[tokio::test]
async fn drafts_keep_the_newer_text_and_clear_when_blank() {
    let app = spawn_app().await;
    let (ann, eve) = (
        app.person("ann", Role::Member).await,
        app.person("eve", Role::Member).await,
    );
    let place = room(&app, &ann, &[]).await;
    let channel = place.trim_start_matches("/api/v1/channels/").to_string();
    let draft = |body: &str, at: &str| json!({"parentID": channel, "parentType": "channel", "body": body, "editedAt": at});
    let (status, saved) = save(
        &app,
        &ann,
        draft("second thought", "2026-05-01T10:00:02.000Z"),
    )
    .await;
    assert_eq!(
        (status, saved["body"].as_str()),
        (StatusCode::OK, Some("second thought"))
    );
    // An older edit arriving late loses, and says so.
    let (status, answer) = save(
        &app,
        &ann,
        draft("first thought", "2026-05-01T10:00:01.000Z"),
    )
    .await;
    assert_eq!(
        (status, code(&answer)),
        (StatusCode::CONFLICT, "draft_stale")
    );
    let (_, drafts) = app.get("/api/v1/drafts", &ann).await;
    assert_eq!(drafts[0]["body"], "second thought");
    // A thread has its own draft.
    let root = say(&app, &place, &ann, json!({"body": "root"})).await;
    let mut in_thread = draft("reply idea", "2026-05-01T10:00:03.000Z");
    in_thread["threadRootID"] = root["id"].clone();
    assert_eq!(save(&app, &ann, in_thread).await.0, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/drafts", &ann)
            .await
            .1
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // A blank body clears it.
    let (status, _) = save(&app, &ann, draft("  ", "2026-05-01T10:00:04.000Z")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, drafts) = app.get("/api/v1/drafts", &ann).await;
    assert_eq!(drafts.as_array().unwrap().len(), 1);
    assert_eq!(drafts[0]["body"], "reply idea");
    // Only members keep drafts in a place.
    let (status, _) = save(&app, &eve, draft("snooping", "2026-05-01T10:00:05.000Z")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn save(app: &TestApp, who: &Person, body: Value) -> (StatusCode, Value) {
    app.call(
        axum::http::Method::PUT,
        "/api/v1/drafts",
        Some(who),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn notification_settings_are_kept_per_person() {
    let app = spawn_app().await;
    let (ann, bob) = (
        app.person("ann", Role::Member).await,
        app.person("bob", Role::Member).await,
    );
    let (_, defaults) = app.get("/api/v1/me/notifications", &ann).await;
    assert_eq!(
        defaults,
        json!({"level": "all", "desktop": true, "sound": false})
    );
    let quiet = json!({"level": "mentions", "desktop": false, "sound": true});
    let (status, _) = app
        .call(
            axum::http::Method::PUT,
            "/api/v1/me/notifications",
            Some(&ann),
            Some(quiet.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.get("/api/v1/me/notifications", &ann).await.1, quiet);
    assert_eq!(app.get("/api/v1/me/notifications", &bob).await.1, defaults);
    let (status, _) = app
        .call(
            axum::http::Method::PUT,
            "/api/v1/me/notifications",
            Some(&ann),
            Some(json!({"level": "loud", "desktop": true, "sound": true})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
