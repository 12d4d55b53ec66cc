//! Reactions: they toggle, stop at sixteen kinds, all count when people react at once, and
//! messages stored before reactions and threads existed take both.

use axum::http::{Method, StatusCode};
use domain::channel::ChannelRole;
use domain::user::Role;
use serde_json::{Value, json};

use crate::{Person, TestApp, code, spawn_app, urlencode};

/// Reacts as `who` with the emoji that ends `path` (`…/reactions/{emoji}`).
async fn add_reaction(app: &TestApp, path: &str, who: &Person) -> (StatusCode, Value) {
    app.call(Method::PUT, path, Some(who), None).await
}

#[tokio::test]
async fn reactions_toggle_and_stop_at_sixteen_kinds() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let message = app.say(&place, &ann, json!({"body": "react!"})).await;
    let base = format!(
        "{place}/messages/{}/reactions",
        message["id"].as_str().unwrap()
    );
    let react = |emoji: &str| format!("{base}/{}", urlencode(emoji));
    let (status, reacted) = add_reaction(&app, &react(":thumbsup:"), &ann).await;
    assert_eq!(status, StatusCode::OK, "{reacted}");
    assert_eq!(reacted["reactions"]["👍"], json!([ann.id()]));
    let (_, removed) = app.delete(&react("👍"), &ann).await;
    assert!(removed["reactions"].get("👍").is_none(), "{removed}");
    let (status, answer) = add_reaction(&app, &react("nope"), &ann).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");

    let sixteen = [
        "😀", "😂", "😍", "😎", "😢", "😡", "👍", "👎", "🎉", "❤️", "🔥", "👀", "🙏", "💯", "🚀",
        "✅",
    ];
    for emoji in sixteen {
        assert_eq!(
            add_reaction(&app, &react(emoji), &ann).await.0,
            StatusCode::OK,
            "{emoji}"
        );
    }
    let (status, answer) = add_reaction(&app, &react("🤔"), &ann).await;
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
    let (status, both) = add_reaction(&app, &react("🎉"), &bob).await;
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
    let place = app.room(&ann, &people.iter().collect::<Vec<_>>()).await;
    let message = app.say(&place, &ann, json!({"body": "vote"})).await;
    let path = format!(
        "{place}/messages/{}/reactions/{}",
        message["id"].as_str().unwrap(),
        urlencode("👍")
    );
    let answers =
        futures::future::join_all(people.iter().map(|p| add_reaction(&app, &path, p))).await;
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
async fn messages_written_before_reactions_and_threads_take_them_too() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let message = app.say(&place, &ann, json!({"body": "old"})).await;
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
    let (status, reacted) = add_reaction(
        &app,
        &format!("{place}/messages/{id}/reactions/{}", urlencode("👍")),
        &ann,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reacted}");
    assert_eq!(reacted["reactions"]["👍"], json!([ann.id()]));
    app.say(&place, &ann, json!({"body": "reply", "threadRootID": id}))
        .await;
    let (_, thread) = app
        .get(&format!("{place}/messages/{id}/thread"), &ann)
        .await;
    assert_eq!(thread["root"]["replyCount"], 1);
}
