//! The REST API through the gateway: sending and reading history (pages, nonces, bad input,
//! private channels), and the OpenAPI document it serves.

use super::*;

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
    let once = json!({"body": "once", "clientNonce": "n-1"});
    let first = gw.send(&token, general, once.clone()).await;
    assert_eq!(first.status(), 201);
    let first: Message = first.json().await.unwrap();
    let again = gw.send(&token, general, once).await;
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
    let unauthenticated = gw.get_anonymously("/api/v1/channels").await;
    assert_eq!(unauthenticated.status(), 401);
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let gw = spawn_gateway().await;
    let doc: Value = gw
        .get_anonymously("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let paths = doc["paths"].as_object().unwrap();
    // Which routes exist is pinned by the API's authorization table (every route has a row);
    // here: the document served by the gateway says which need a bearer token, and only the
    // sign-in, health, configuration and mail unsubscribe (a signed link) routes do not.
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
        ("/auth/mail/unsubscribe", "get"),
        ("/auth/mail/unsubscribe", "post"),
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
