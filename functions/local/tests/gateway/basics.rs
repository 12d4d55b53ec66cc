use super::*;

fn connect_status(err: tokio_tungstenite::tungstenite::Error) -> u16 {
    match err {
        tokio_tungstenite::tungstenite::Error::Http(response) => response.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

#[tokio::test]
async fn a_bad_or_reused_ticket_is_refused_and_records_nothing() {
    let gw = spawn_gateway().await;
    let (alice, token) = gw.user("alice").await;

    let origin = Some(gw.origin.as_str());
    let err = connect_async(gw.ws_request("made-up", origin))
        .await
        .unwrap_err();
    assert_eq!(connect_status(err), 401);
    let mut no_ticket = gw.ws.clone().into_client_request().unwrap();
    no_ticket
        .headers_mut()
        .insert("origin", gw.origin.parse().unwrap());
    let err = connect_async(no_ticket).await.unwrap_err();
    assert_eq!(connect_status(err), 401);

    let ticket = gw.ticket(&token).await;
    let (mut socket, _) = connect_async(gw.ws_request(&ticket, origin)).await.unwrap();
    let err = connect_async(gw.ws_request(&ticket, origin))
        .await
        .unwrap_err();
    assert_eq!(connect_status(err), 401, "a ticket works once");

    let connections = gw.app.redis.connections_of(&[alice.id]).await.unwrap();
    assert_eq!(
        connections[&alice.id].len(),
        1,
        "only the accepted socket is recorded"
    );
    assert!(matches!(ping(&mut socket).await, ServerEvent::Pong { .. }));
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
    let answer = gw
        .http
        .post(format!("{}/api/v1/ws/ticket", gw.base))
        .bearer_auth("forged.token.here")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 401);
    let body: Value = answer.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_token");
}

#[tokio::test]
async fn a_message_reaches_every_member_and_a_dead_connection_is_removed() {
    let gw = spawn_gateway().await;
    let (alice, alice_token) = gw.user("alice").await;
    let (bob, bob_token) = gw.user("bob").await;
    let (_dave, dave_token) = gw.user("dave").await;
    let news = gw.channel("news", &[alice.id, bob.id]).await;

    let mut bob_phone = gw.connect(&bob_token).await;
    let mut bob_laptop = gw.connect(&bob_token).await;
    let mut alice_socket = gw.connect(&alice_token).await;
    let mut dave_socket = gw.connect(&dave_token).await;
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
    // The fan-out finished before the send answered, so anything for dave is already queued
    // ahead of this pong: the first frame he sees must be the pong.
    assert!(
        matches!(ping(&mut dave_socket).await, ServerEvent::Pong { .. }),
        "a non-member got the event"
    );

    let connections = gw.app.redis.connections_of(&[bob.id]).await.unwrap();
    assert_eq!(connections[&bob.id].len(), 2);
    assert!(
        !connections[&bob.id].contains(&"gone-connection=".to_string()),
        "the 410 connection is forgotten"
    );
}

#[tokio::test]
async fn bad_frames_get_an_error_frame_and_the_connection_stays_usable() {
    let gw = spawn_gateway().await;
    let (_alice, token) = gw.user("alice").await;
    let mut socket = gw.connect(&token).await;
    socket.send(Frame::Text("not json".into())).await.unwrap();
    match next_frame(&mut socket).await {
        ServerEvent::Error(e) => assert_eq!(e.code, "invalid_frame"),
        other => panic!("expected an error frame, got {other:?}"),
    }
    socket
        .send(Frame::Text(
            format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(5000)).into(),
        ))
        .await
        .unwrap();
    match next_frame(&mut socket).await {
        ServerEvent::Error(e) => assert_eq!(e.code, "frame_too_large"),
        other => panic!("expected an error frame, got {other:?}"),
    }
    assert!(matches!(ping(&mut socket).await, ServerEvent::Pong { .. }));
}

/// The close code the server sends on `socket` (passing over frames still on their way), or
/// `None` if it ended without a close frame; fails the test if it stays open past `WAIT`.
async fn close_code(socket: &mut Socket) -> Option<u16> {
    let deadline = Instant::now() + WAIT;
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => panic!("the socket was still open after {WAIT:?}"),
            Ok(Some(Ok(Frame::Close(frame)))) => return frame.map(|f| u16::from(f.code)),
            Ok(None | Some(Err(_))) => return None,
            Ok(Some(Ok(_))) => continue,
        }
    }
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
    assert_eq!(close_code(&mut socket).await, Some(1003));

    // A frame over 32 KB: 1009.
    let mut socket = gw.connect(&token).await;
    let big = format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(33 * 1024));
    socket.send(Frame::Text(big.into())).await.unwrap();
    assert_eq!(close_code(&mut socket).await, Some(1009));

    // A frame within the limits is the app's to refuse, and the socket stays open.
    let mut socket = gw.connect(&token).await;
    let within = format!(r#"{{"type":"ping","pad":"{}"}}"#, "x".repeat(31 * 1024));
    socket.send(Frame::Text(within.into())).await.unwrap();
    match next_frame(&mut socket).await {
        ServerEvent::Error(e) => assert_eq!(e.code, "frame_too_large"),
        other => panic!("expected an error frame, got {other:?}"),
    }
    assert!(matches!(ping(&mut socket).await, ServerEvent::Pong { .. }));

    // Closed by the server through the management API: 1000. (The sockets closed above are
    // forgotten once their `$disconnect` ran: wait for the one left.)
    let deadline = Instant::now() + WAIT;
    let id = loop {
        let open = gw.app.redis.connections_of(&[alice.id]).await.unwrap();
        match open.get(&alice.id).map(Vec::as_slice) {
            Some([only]) => break only.clone(),
            _ if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(20)).await,
            other => panic!("expected one open connection, found {other:?}"),
        }
    };
    let sdk = crate::sdk_management(&gw.base).await;
    sdk.delete_connection()
        .connection_id(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(close_code(&mut socket).await, Some(1000));
}

#[tokio::test]
async fn the_management_api_describes_and_closes_connections_for_the_sdk() {
    let gw = spawn_gateway().await;
    let (alice, token) = gw.user("alice").await;
    let mut socket = gw.connect(&token).await;
    let connection_id =
        gw.app.redis.connections_of(&[alice.id]).await.unwrap()[&alice.id][0].clone();
    let sdk = crate::sdk_management(&gw.base).await;

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

#[tokio::test]
async fn history_and_sending_through_the_http_api() {
    let gw = spawn_gateway().await;
    let (alice, token) = gw.user("alice").await;
    let (_outsider, outsider_token) = gw.user("outsider").await;
    let general = ChannelId::GENERAL;

    for i in 0..5 {
        assert_eq!(
            gw.send(&token, general, json!({"body": format!("m{i}")}))
                .await
                .status(),
            201
        );
    }
    let page = gw.page(&token, general, "limit=3").await;
    assert_eq!(
        page.items
            .iter()
            .map(|m| m.body.as_str())
            .collect::<Vec<_>>(),
        ["m4", "m3", "m2"]
    );
    assert!(page.has_more_older);
    let before = format!("limit=3&before={}", page.older_cursor.unwrap());
    let older = gw.page(&token, general, &before).await;
    assert_eq!(
        older
            .items
            .iter()
            .map(|m| m.body.as_str())
            .collect::<Vec<_>>(),
        ["m1", "m0"]
    );
    assert!(!older.has_more_older);

    // A retried send with the same nonce returns the first message and makes no second one.
    let first = gw
        .send(
            &token,
            general,
            json!({"body": "once", "clientNonce": "n-1"}),
        )
        .await;
    assert_eq!(first.status(), 201);
    let first: Message = first.json().await.unwrap();
    let again = gw
        .send(
            &token,
            general,
            json!({"body": "once", "clientNonce": "n-1"}),
        )
        .await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Message>().await.unwrap().id, first.id);

    // Bad input: a clear 4xx with a stable code, and nothing stored.
    let long = gw
        .send(&token, general, json!({"body": "x".repeat(4097)}))
        .await;
    assert_eq!(long.status(), 400);
    assert_eq!(
        long.json::<Value>().await.unwrap()["error"]["code"],
        "invalid_input"
    );
    let unknown_field = gw
        .send(&token, general, json!({"body": "hi", "admin": true}))
        .await;
    assert_eq!(unknown_field.status(), 400);
    let bad_cursor = gw.history(&token, general, "before=nope").await;
    assert_eq!(
        bad_cursor.json::<Value>().await.unwrap()["error"]["code"],
        "invalid_cursor"
    );
    let newest = gw.page(&token, general, "limit=10").await;
    assert_eq!(
        newest.items.len(),
        6,
        "5 plus the one nonce send, nothing else"
    );

    // A private channel is invisible to a non-member, for reading and for writing.
    let secret = gw.channel("secret", &[alice.id]).await;
    let read = gw.history(&outsider_token, secret.id, "").await;
    assert_eq!(read.status(), 404);
    assert_eq!(
        gw.send(&outsider_token, secret.id, json!({"body": "hi"}))
            .await
            .status(),
        404
    );
    let unauthenticated = gw
        .http
        .get(format!("{}/api/v1/channels", gw.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthenticated.status(), 401);
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let gw = spawn_gateway().await;
    let doc: Value = gw
        .http
        .get(format!("{}/api/v1/openapi.json", gw.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().unwrap();
    // Which routes exist is pinned by the API's authorization table (every route has a row);
    // here: the document served by the gateway says which need a bearer token, and only the
    // sign-in, health and configuration routes do not.
    let public = [
        ("/healthz", "get"),
        ("/api/v1/config", "get"),
        ("/auth/oidc/login", "get"),
        ("/auth/oidc/callback", "get"),
        ("/auth/token/refresh", "post"),
        ("/auth/logout", "post"),
        ("/auth/login", "post"),
        ("/auth/password/forgot", "post"),
        ("/auth/password/reset", "post"),
        ("/auth/invite/preview", "post"),
        ("/auth/invite/accept", "post"),
    ];
    let mut seen_public = 0;
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let open = public.contains(&(path.as_str(), method.as_str()));
            seen_public += usize::from(open);
            assert_eq!(
                operation["security"].is_array(),
                !open,
                "{method} {path}: bearer security"
            );
        }
    }
    assert_eq!(
        seen_public,
        public.len(),
        "every public route is documented"
    );
    assert!(
        paths.len() > public.len(),
        "the bearer routes are documented"
    );
    assert!(doc["components"]["schemas"]["ServerEvent"].is_object());
}
