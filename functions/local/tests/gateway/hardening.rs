//! The WebSocket's door: only the app's own pages open it (Origin), and a ticket minted before
//! the person's access was cut (deactivation, a role change) opens nothing. The web app's pages
//! carry the CSP CloudFront sends in AWS, and a path no file can have is simply not found.

use super::*;

#[tokio::test]
async fn another_sites_page_or_no_page_opens_no_socket_and_leaves_the_ticket_unused() {
    let gw = spawn_gateway().await;
    let (alice, token) = gw.user("alice").await;
    let ticket = gw.ticket(&token).await;

    let foreign = connect_async(gw.ws_request(&ticket, Some("https://evil.example")))
        .await
        .unwrap_err();
    assert_eq!(refusal(foreign), 403);
    // Same host, another port: another origin.
    let port = gw.origin.rsplit(':').next().unwrap();
    let next_port = port.parse::<u16>().unwrap().wrapping_add(1);
    let other_port =
        connect_async(gw.ws_request(&ticket, Some(&format!("http://localhost:{next_port}"))))
            .await
            .unwrap_err();
    assert_eq!(refusal(other_port), 403);
    let missing = connect_async(gw.ws_request(&ticket, None))
        .await
        .unwrap_err();
    assert_eq!(refusal(missing), 403);
    let null = connect_async(gw.ws_request(&ticket, Some("null")))
        .await
        .unwrap_err();
    assert_eq!(refusal(null), 403);
    assert_eq!(gw.connections(alice.id).await, 0, "nothing recorded");

    // The refusals came before the ticket was redeemed: the app's page can still use it.
    let (mut socket, _) = connect_async(gw.ws_request(&ticket, Some(&gw.origin)))
        .await
        .unwrap();
    assert_pong(&mut socket).await;
    assert_eq!(gw.connections(alice.id).await, 1);
}

/// Mints a ticket, has an admin make `change` (`status` or `role`) to its owner, then redeems it.
async fn assert_a_ticket_minted_before_the_change_opens_nothing(change: &str, body: Value) {
    let gw = spawn_gateway().await;
    let admin = gw.admin().await;
    let (person, token) = gw.user("dee").await;
    let ticket = gw.ticket(&token).await;

    let (status, answer) = gw
        .patch(
            &admin,
            &format!("/api/v1/users/{}/{change}", person.id),
            body,
        )
        .await;
    assert_eq!(status, 200, "{answer}");

    let err = connect_async(gw.ws_request(&ticket, Some(&gw.origin)))
        .await
        .unwrap_err();
    assert_eq!(refusal(err), 401);
    assert_eq!(gw.connections(person.id).await, 0, "nothing recorded");
}

#[tokio::test]
async fn a_ticket_minted_before_a_deactivation_opens_nothing_after_it() {
    assert_a_ticket_minted_before_the_change_opens_nothing(
        "status",
        json!({"status": "deactivated"}),
    )
    .await;
}

#[tokio::test]
async fn a_ticket_minted_before_a_role_change_opens_nothing_after_it() {
    assert_a_ticket_minted_before_the_change_opens_nothing("role", json!({"role": "guest"})).await;
}

#[tokio::test]
async fn a_deactivated_account_opens_no_socket_whatever_its_ticket_says() {
    let gw = spawn_gateway().await;
    let (dee, _) = gw.user("dee").await;
    // Deactivated in the store alone, with no epoch bump: the account itself is checked.
    gw.app
        .store
        .users()
        .set_status(dee.id, domain::user::UserStatus::Deactivated)
        .await
        .unwrap();
    let ticket = gw
        .app
        .redis
        .mint_ticket(dee.id, &domain::revocation::Grant::issued_now(""))
        .await
        .unwrap();
    let err = connect_async(gw.ws_request(&ticket, Some(&gw.origin)))
        .await
        .unwrap_err();
    assert_eq!(refusal(err), 403);
    assert_eq!(gw.connections(dee.id).await, 0, "nothing recorded");
}

#[tokio::test]
async fn the_apps_pages_carry_its_csp_and_the_api_keeps_its_own() {
    let gw = spawn_gateway().await;
    let page = gw.get_anonymously("/c/general").await;
    // A client-side route is the app's page, served as found (not a 404 with a body).
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    let ws_origin = gw.ws.trim_end_matches("/ws");
    assert!(csp.contains("script-src 'self';"), "{csp}");
    // The uploads bucket, when the stack runs one, is the only other place to PUT to and show
    // images from.
    let files = match std::env::var("S3_ENDPOINT") {
        Ok(endpoint) if std::env::var("UPLOADS_BUCKET").is_ok() => {
            format!(" {}", endpoint.trim_end_matches('/'))
        }
        _ => String::new(),
    };
    assert!(
        csp.contains(&format!("connect-src 'self' {ws_origin}{files};")),
        "{csp}"
    );
    assert!(
        csp.contains(&format!("img-src 'self' data: blob:{files};")),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(
        page.headers().get("strict-transport-security").is_none(),
        "no HSTS on plain http"
    );

    let api = gw.get_anonymously("/api/v1/nothing-here").await;
    assert_eq!(api.status(), 404);
    assert_eq!(
        api.headers()["content-security-policy"],
        "default-src 'none'; frame-ancestors 'none'"
    );
}

#[tokio::test]
async fn paths_no_file_can_have_are_not_found_rather_than_a_server_error() {
    let gw = spawn_gateway().await;
    for path in [
        format!("/{}", "a".repeat(256)),
        format!("/c/{}", "x".repeat(300)),
        format!("/c/{}/more", "%C3%A9".repeat(200)),
        "/c/a%00b".to_string(),
        "/assets/%0a.js".to_string(),
        "/c/%ff%fe".to_string(),
    ] {
        let answer = gw.get_anonymously(&path).await;
        assert_eq!(answer.status(), 404, "{path}");
        assert!(
            answer.headers().contains_key("content-security-policy"),
            "{path}: the 404 carries the app's headers too"
        );
    }
    // The app's routes still get its page, up to the longest name a file may have.
    for path in ["/c/general".to_string(), format!("/c/{}", "a".repeat(255))] {
        assert_eq!(gw.get_anonymously(&path).await.status(), 200, "{path}");
    }
}
