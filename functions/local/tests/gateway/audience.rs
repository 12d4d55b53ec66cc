//! Who hears a channel's events once its member list is cached in Redis: a change of members
//! takes effect at the very next message, whatever the cache held.

use super::*;

/// The number of the last event pushed to `user`'s only connection.
async fn last_seq(gw: &TestGateway, user: domain::UserId) -> u64 {
    let connections = gw.app.redis.connections_of(&[user]).await.unwrap();
    let ids = &connections[&user];
    assert_eq!(ids.len(), 1, "{ids:?}");
    gw.app
        .redis
        .ping_connection(&ids[0])
        .await
        .unwrap()
        .expect("registered")
        .last_seq
}

#[tokio::test]
async fn someone_removed_from_a_private_channel_is_not_sent_the_next_message() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let secret = gw.channel("secret", &[alice.id, bob.id]).await;
    let mut bob_socket = gw.connect(&bob_token).await;
    // From his first ping on, every event is posted to bob rather than held for him.
    assert_pong(&mut bob_socket).await;

    // The first message caches the member list.
    let sent = gw
        .send(&alice_token, secret.id, json!({"body": "before"}))
        .await;
    assert_eq!(sent.status(), 201);
    assert!(matches!(
        next_event(&mut bob_socket, "message.new").await,
        ServerEvent::MessageNew(m) if m.body == "before"
    ));

    let (status, body) = gw
        .delete(
            &alice_token,
            &format!("/api/v1/channels/{}/members/{}", secret.id, bob.id),
        )
        .await;
    assert!((200..300).contains(&status), "{status} {body}");
    next_event(&mut bob_socket, "sidebar.removed").await;
    let before = last_seq(&gw, bob.id).await;

    let sent = gw
        .send(&alice_token, secret.id, json!({"body": "after"}))
        .await;
    assert_eq!(sent.status(), 201);
    // The send numbers the event on every connection it goes to before it answers: bob's
    // number has not moved, so nothing of it is on its way to him.
    assert_eq!(
        last_seq(&gw, bob.id).await,
        before,
        "bob was sent the message"
    );
    assert_pong(&mut bob_socket).await;
}

#[tokio::test]
async fn someone_added_to_a_channel_hears_the_next_message() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (carol, carol_token) = gw.user("carol").await;
    let room = gw.channel("room", &[alice.id]).await;
    let mut carol_socket = gw.connect(&carol_token).await;

    // Cached without carol.
    let sent = gw
        .send(&alice_token, room.id, json!({"body": "before"}))
        .await;
    assert_eq!(sent.status(), 201);

    let (status, body) = gw
        .post(
            &alice_token,
            &format!("/api/v1/channels/{}/members", room.id),
            json!({"userID": carol.id}),
        )
        .await;
    assert!((200..300).contains(&status), "{status} {body}");
    let sent = gw
        .send(&alice_token, room.id, json!({"body": "after"}))
        .await;
    assert_eq!(sent.status(), 201);
    loop {
        match next_event(&mut carol_socket, "message.new").await {
            ServerEvent::MessageNew(m) if m.body == "after" => break,
            // The system message recording that she was added comes first.
            ServerEvent::MessageNew(m) => assert!(m.system.is_some(), "{m:?}"),
            other => panic!("{}", kind_of(&serde_json::to_string(&other).unwrap())),
        }
    }
}
