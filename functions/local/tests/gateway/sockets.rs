//! The WebSocket itself: a ticket opens one socket once, frames the app cannot take get an
//! error frame, and sockets close with the codes API Gateway uses.

use super::*;

#[tokio::test]
async fn a_bad_or_reused_ticket_is_refused_and_records_nothing() {
    let gw = spawn_gateway().await;
    let (alice, token) = gw.user("alice").await;

    let origin = Some(gw.origin.as_str());
    let err = connect_async(gw.ws_request("made-up", origin))
        .await
        .unwrap_err();
    assert_eq!(refusal(err), 401);
    let mut no_ticket = gw.ws.clone().into_client_request().unwrap();
    no_ticket
        .headers_mut()
        .insert("origin", gw.origin.parse().unwrap());
    let err = connect_async(no_ticket).await.unwrap_err();
    assert_eq!(refusal(err), 401);

    let ticket = gw.ticket(&token).await;
    let (mut socket, _) = connect_async(gw.ws_request(&ticket, origin)).await.unwrap();
    let err = connect_async(gw.ws_request(&ticket, origin))
        .await
        .unwrap_err();
    assert_eq!(refusal(err), 401, "a ticket works once");

    let connections = gw.app.redis.connections_of(&[alice.id]).await.unwrap();
    assert_eq!(
        connections[&alice.id].len(),
        1,
        "only the accepted socket is recorded"
    );
    assert_pong(&mut socket).await;
}

#[tokio::test]
async fn a_ticket_needs_a_signed_in_caller() {
    let gw = spawn_gateway().await;
    let answer = gw
        .http
        .post(format!("{}/api/v1/ws/ticket", gw.base))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 401);
    let answer = gw.ticket_request("forged.token.here").await;
    assert_eq!(answer.status(), 401);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_token");
}

#[tokio::test]
async fn bad_frames_get_an_error_frame_and_the_connection_stays_usable() {
    let gw = spawn_gateway().await;
    let (_alice, token) = gw.user("alice").await;
    let mut socket = gw.connect(&token).await;
    socket.send(Frame::Text("not json".into())).await.unwrap();
    assert_eq!(error_code(next_frame(&mut socket).await), "invalid_frame");
    socket
        .send(Frame::Text(
            format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(5000)).into(),
        ))
        .await
        .unwrap();
    assert_eq!(error_code(next_frame(&mut socket).await), "frame_too_large");
    assert_pong(&mut socket).await;
}

#[tokio::test]
async fn sockets_close_with_the_codes_api_gateway_uses() {
    let gw = spawn_gateway().await;
    let (alice, token) = gw.user("alice").await;

    // Binary frames are not supported: 1003.
    let mut socket = gw.connect(&token).await;
    socket
        .send(Frame::Binary(vec![1, 2, 3].into()))
        .await
        .unwrap();
    assert_eq!(closed_by_server(&mut socket).await, Some(1003));

    // A frame over 32 KB: 1009.
    let mut socket = gw.connect(&token).await;
    let big = format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(33 * 1024));
    socket.send(Frame::Text(big.into())).await.unwrap();
    assert_eq!(closed_by_server(&mut socket).await, Some(1009));

    // A frame within the limits is the app's to refuse, and the socket stays open.
    let mut socket = gw.connect(&token).await;
    let within = format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(31 * 1024));
    socket.send(Frame::Text(within.into())).await.unwrap();
    assert_eq!(error_code(next_frame(&mut socket).await), "frame_too_large");
    assert_pong(&mut socket).await;

    // Closed by the server through the management API: 1000. (The sockets closed above are
    // forgotten once their `$disconnect` ran: wait for the one left.)
    let id = eventually(WAIT, Duration::from_millis(20), async || {
        let open = gw.app.redis.connections_of(&[alice.id]).await.unwrap();
        match open.get(&alice.id).map(Vec::as_slice) {
            Some([only]) => Ok(only.clone()),
            other => Err(format!("expected one open connection, found {other:?}")),
        }
    })
    .await;
    let sdk = sdk_management(&gw.base).await;
    sdk.delete_connection()
        .connection_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(closed_by_server(&mut socket).await, Some(1000));
}

/// What a socket gets up to and including the pong of its first ping: each numbered frame's
/// number and type, and the number the pong says was the last.
async fn until_pong(socket: &mut Socket) -> (Vec<(u64, String)>, u64) {
    send_ping(socket).await;
    let deadline = Instant::now() + WAIT;
    let mut numbered = Vec::new();
    loop {
        let text = next_text(socket, deadline)
            .await
            .expect("no pong within WAIT");
        let frame: Value = serde_json::from_str(&text).unwrap();
        if frame["type"] == "pong" {
            return (numbered, frame["data"]["seq"].as_u64().unwrap());
        }
        if let Some(seq) = frame["seq"].as_u64() {
            numbered.push((seq, kind_of(&text)));
        }
    }
}

#[tokio::test]
async fn events_from_the_ticket_on_reach_the_socket_it_opens() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let room = gw.channel("room", &[alice.id, bob.id]).await;

    // Bob's app has its ticket and is fetching; alice writes before his socket opens...
    let ticket = gw.ticket(&bob_token).await;
    let sent = gw.send(&alice_token, room.id, json!({"body": "one"})).await;
    assert_eq!(sent.status(), 201);
    let origin = Some(gw.origin.as_str());
    let (mut socket, _) = connect_async(gw.ws_request(&ticket, origin)).await.unwrap();
    // ...and again once it is open, before his first ping.
    let sent = gw.send(&alice_token, room.id, json!({"body": "two"})).await;
    assert_eq!(sent.status(), 201);

    let (mut numbered, last) = until_pong(&mut socket).await;
    // The held frames are posted before the pong is answered, but may pass each other.
    let deadline = Instant::now() + WAIT;
    while (numbered.len() as u64) < last {
        let text = next_text(&mut socket, deadline)
            .await
            .unwrap_or_else(|| panic!("numbers up to {last} announced, got {numbered:?}"));
        let frame: Value = serde_json::from_str(&text).unwrap();
        numbered.push((frame["seq"].as_u64().unwrap(), kind_of(&text)));
    }
    numbered.sort();
    let numbers: Vec<u64> = numbered.iter().map(|(seq, _)| *seq).collect();
    assert_eq!(
        numbers,
        (1..=last).collect::<Vec<_>>(),
        "every event from the ticket on, numbered from 1 without a gap"
    );
    let messages = numbered
        .iter()
        .filter(|(_, kind)| kind == "message.new")
        .count();
    assert_eq!(messages, 2, "{numbered:?}");
}
