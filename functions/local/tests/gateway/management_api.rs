//! The management API (`@connections`) as API Gateway's: the fan-out posts each member's frame
//! through it and forgets a connection it answers 410 for, and the AWS SDK's own client can
//! describe, post to and close a connection.

use super::*;

#[tokio::test]
async fn a_message_reaches_every_member_and_a_dead_connection_is_removed() {
    let gw = spawn_gateway().await;
    let (bob, _, [mut bob_phone, mut bob_laptop]) = gw.online("bob").await;
    let (alice, alice_token, [mut alice_socket]) = gw.online("alice").await;
    let (_dave, _, [mut dave_socket]) = gw.online("dave").await;
    let news = gw.channel("news", &[alice.id, bob.id]).await;

    // A connection API Gateway has already dropped (its $disconnect never arrived).
    gw.app
        .redis
        .register_connection(
            "gone-connection=",
            bob.id,
            &domain::revocation::Grant::issued_now(""),
        )
        .await
        .unwrap();
    gw.app
        .redis
        .ping_connection("gone-connection=")
        .await
        .unwrap();

    let sent = gw
        .send(&alice_token, news.id, json!({"body": "hello news"}))
        .await;
    assert_eq!(sent.status(), 201);
    let sent: Message = sent.json().await.unwrap();

    for socket in [&mut bob_phone, &mut bob_laptop, &mut alice_socket] {
        match next_frame(socket).await {
            ServerEvent::MessageNew(message) => assert_eq!(message, sent),
            other => panic!("expected message.new, got {other:?}"),
        }
    }
    // The fan-out finished before the send answered, so anything for dave (a non-member) is
    // already queued ahead of this pong: the first frame he sees must be the pong.
    assert_pong(&mut dave_socket).await;

    let connections = gw.app.redis.connections_of(&[bob.id]).await.unwrap();
    assert_eq!(connections[&bob.id].len(), 2);
    assert!(
        !connections[&bob.id].contains(&"gone-connection=".to_string()),
        "the 410 connection is forgotten"
    );
}

#[tokio::test]
async fn the_management_api_describes_and_closes_connections_for_the_sdk() {
    let gw = spawn_gateway().await;
    let (alice, token) = gw.user("alice").await;
    let mut socket = gw.connect(&token).await;
    let connection_id =
        gw.app.redis.connections_of(&[alice.id]).await.unwrap()[&alice.id][0].clone();
    let sdk = sdk_management(&gw.base).await;

    let described = sdk
        .get_connection()
        .connection_id(&connection_id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        described.identity().and_then(|i| i.source_ip()),
        Some("127.0.0.1")
    );

    sdk.post_to_connection()
        .connection_id(&connection_id)
        .data(aws_smithy_types::Blob::new(
            r#"{"type":"pong","data":{"ts":1,"seq":0}}"#,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        next_frame(&mut socket).await,
        ServerEvent::Pong { ts: 1, seq: 0 }
    );

    sdk.delete_connection()
        .connection_id(&connection_id)
        .send()
        .await
        .unwrap();
    let closed = tokio::time::timeout(WAIT, socket.next()).await.unwrap();
    assert!(
        matches!(closed, Some(Ok(Frame::Close(_))) | None),
        "{closed:?}"
    );

    let err = sdk
        .post_to_connection()
        .connection_id("unknown=")
        .data(aws_smithy_types::Blob::new("{}"))
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_gone_exception());
}
