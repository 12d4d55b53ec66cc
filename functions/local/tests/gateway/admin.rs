//! An admin cutting someone off: their open sockets close on every device within seconds, and
//! the people who share a channel with them hear that the account is deactivated.

use super::*;

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
    assert_eq!(
        gw.connections(dee.id).await,
        0,
        "the closed connections are forgotten"
    );
    // Bob, in #general with her, hears it and still has his socket.
    let seen = expect_event!(&mut bob, "user.updated", UserUpdated);
    assert_eq!((seen.id, seen.deactivated), (dee.id, true));
    assert_pong(&mut bob).await;

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
