//! Who finds what: a message in a public channel, a private channel, a group conversation and
//! a direct conversation, each with the same word, searched by every kind of caller. A place
//! the caller is not in gives no result, no snippet and no count, and naming it in `in:` is
//! answered exactly as a place that does not exist.

use domain::channel::ChannelRole;
use domain::user::Role;
use serde_json::json;

use super::{ask, bodies, index};
use crate::{code, spawn_app, unique};

#[tokio::test]
async fn each_caller_finds_only_the_places_they_are_in() {
    let app = spawn_app().await;
    let owner = app.person("owner", Role::Member).await;
    let member = app.person("member", Role::Member).await;
    let outsider = app.person("outsider", Role::Member).await;
    let admin = app.person("admin", Role::Admin).await;
    let guest = app.person("guest", Role::Guest).await;
    let leaver = app.person("leaver", Role::Member).await;

    let public = app.channel(&owner, &unique("open"), "public").await;
    let private_slug = unique("secret");
    let private = app.channel(&owner, &private_slug, "private").await;
    for p in [&member, &leaver] {
        app.add(&private, p, ChannelRole::Member).await;
    }
    app.add(&public, &member, ChannelRole::Member).await;
    app.add(&public, &guest, ChannelRole::Member).await;
    let (_, group) = app
        .open_conversation(&owner, json!([member.id(), leaver.id()]))
        .await;
    let (_, direct) = app.open_conversation(&owner, json!([member.id()])).await;
    let place = |path: String| path;
    for (at, body) in [
        (
            place(format!("/api/v1/channels/{public}")),
            "pelican in the open",
        ),
        (
            place(format!("/api/v1/channels/{private}")),
            "pelican in secret",
        ),
        (
            place(format!(
                "/api/v1/conversations/{}",
                group["conversation"]["id"].as_str().unwrap()
            )),
            "pelican in the group",
        ),
        (
            place(format!(
                "/api/v1/conversations/{}",
                direct["conversation"]["id"].as_str().unwrap()
            )),
            "pelican between two",
        ),
    ] {
        app.say(&at, &owner, json!({"body": body})).await;
    }
    // The leaver was in the private channel when the message was sent, then left it.
    let (status, _) = app
        .post(
            &format!("/api/v1/channels/{private}/leave"),
            &leaver,
            json!({}),
        )
        .await;
    assert!(status.is_success(), "{status}");
    index(&app).await;

    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let all = [
        "pelican between two",
        "pelican in secret",
        "pelican in the group",
        "pelican in the open",
    ];
    let table: [(&str, &crate::Person, Vec<&str>); 6] = [
        ("owner", &owner, all.to_vec()),
        ("member", &member, all.to_vec()),
        (
            "leaver (still in the group)",
            &leaver,
            vec!["pelican in the group"],
        ),
        (
            "guest (in the public channel)",
            &guest,
            vec!["pelican in the open"],
        ),
        ("admin (in none)", &admin, vec![]),
        ("outsider", &outsider, vec![]),
    ];
    for (who, person, expected) in table {
        assert_eq!(
            sorted(bodies(&app, person, "pelican").await),
            expected,
            "messages found by {who}"
        );
        // The same holds for what the word's prefix finds as it is typed.
        assert_eq!(
            sorted(bodies(&app, person, "pelic").await),
            expected,
            "prefix found by {who}"
        );
    }

    // `in:` a private channel one is not in reads exactly as `in:` no channel at all.
    for person in [&outsider, &admin, &guest, &leaver] {
        let (status, hidden) = ask(
            &app,
            person,
            "messages",
            &format!("pelican in:#{private_slug}"),
            "",
        )
        .await;
        let (same, missing) = ask(
            &app,
            person,
            "messages",
            "pelican in:#no-such-channel-here",
            "",
        )
        .await;
        assert_eq!((status.as_u16(), same.as_u16()), (400, 400));
        assert_eq!(code(&hidden), "unknown_search_place");
        assert_eq!(code(&missing), code(&hidden));
        assert_eq!(
            hidden["error"]["message"]
                .as_str()
                .unwrap()
                .replace(&private_slug, "X"),
            missing["error"]["message"]
                .as_str()
                .unwrap()
                .replace("no-such-channel-here", "X"),
        );
    }
    assert_eq!(
        bodies(&app, &member, &format!("pelican in:#{private_slug}")).await,
        vec!["pelican in secret"]
    );
    assert_eq!(
        bodies(&app, &member, &format!("pelican in:@{}", owner.user.handle)).await,
        vec!["pelican between two"]
    );

    // Channels by name: the private one only for its members.
    let (_, found) = ask(&app, &member, "channels", &private_slug, "").await;
    assert_eq!(found["items"][0]["slug"], private_slug.as_str());
    for person in [&outsider, &admin, &guest, &leaver] {
        let (status, found) = ask(&app, person, "channels", &private_slug, "").await;
        assert_eq!(status, 200);
        assert_eq!(found["items"], json!([]), "{}", person.user.display_name);
    }
}
