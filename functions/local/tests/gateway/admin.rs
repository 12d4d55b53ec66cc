//! An admin cutting someone off: their open sockets close on every device within seconds, and
//! the people who share a channel with them hear that the account is deactivated.

use super::*;

/// Waits (at most `WAIT`) for the server to close `socket`, passing over frames still on their
/// way; fails the test if it stays open.
async fn closed_by_server(socket: &mut Socket) {
    let deadline = Instant::now() + WAIT;
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => panic!("the socket was still open after {WAIT:?}"),
            Ok(None | Some(Ok(Frame::Close(_))) | Some(Err(_))) => return,
            Ok(Some(Ok(_))) => continue,
        }
    }
}

#[tokio::test]
async fn deactivation_closes_the_persons_sockets_on_every_device() {
    let gw = spawn_gateway().await;
    let admin = gw.admin().await;
    let (dee, dee_token) = gw.user("dee").await;
    let (_, bob_token) = gw.user("bob").await;
    let mut laptop = gw.connect(&dee_token).await;
    let mut phone = gw.connect(&dee_token).await;
    let mut bob = gw.connect(&bob_token).await;

    let (status, body) = gw
        .patch(
            &admin,
            &format!("/api/v1/users/{}/status", dee.id),
            json!({"status": "deactivated"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    closed_by_server(&mut laptop).await;
    closed_by_server(&mut phone).await;
    assert!(
        gw.app
            .redis
            .connections_of(&[dee.id])
            .await
            .unwrap()
            .values()
            .all(Vec::is_empty),
        "the closed connections are forgotten"
    );
    // Bob, in #general with her, hears it and still has his socket.
    let seen = expect_event!(&mut bob, "user.updated", UserUpdated);
    assert_eq!((seen.id, seen.deactivated), (dee.id, true));
    assert!(matches!(ping(&mut bob).await, ServerEvent::Pong { .. }));

    // She cannot open another.
    let (status, _) = gw.post(&dee_token, "/api/v1/ws/ticket", Value::Null).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_role_change_closes_the_persons_sockets_so_they_reconnect_with_the_new_role() {
    let gw = spawn_gateway().await;
    let admin = gw.admin().await;
    let (mia, mia_token) = gw.user("mia").await;
    let mut socket = gw.connect(&mia_token).await;

    let (status, body) = gw
        .patch(
            &admin,
            &format!("/api/v1/users/{}/role", mia.id),
            json!({"role": "guest"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    closed_by_server(&mut socket).await;
    let (status, _) = gw.post(&mia_token, "/api/v1/ws/ticket", Value::Null).await;
    assert_eq!(status, 401, "the old token, with the old role, is refused");
}
