//! Notifications: they follow mentions, direct messages, mutes and each person's settings.

use super::*;

#[tokio::test]
async fn notifications_follow_mentions_conversations_mutes_and_settings() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let (cy, cy_token, [mut cy_socket]) = gw.online("cy").await;
    let channel = gw.channel("crew", &[ann.id, bob.id, cy.id]).await;
    let place = channel_path(channel.id);
    let quiet = Duration::from_millis(300);
    let notified = |event: ServerEvent| match event {
        ServerEvent::NotificationNew(n) => (n.kind, n.excerpt),
        other => panic!("{other:?}"),
    };

    // A plain channel message notifies nobody.
    say(&gw, &ann_token, &place, "fyi").await;
    assert_no_event(&mut bob_socket, "notification.new", quiet).await;

    // cy mutes the channel: @all skips cy, a mention by handle still reaches cy.
    let (status, _) = gw
        .patch(
            &cy_token,
            &format!("{place}/membership"),
            json!({"muted": true}),
        )
        .await;
    assert_eq!(status, 200);
    say(&gw, &ann_token, &place, "@all standup\nnow").await;
    let (kind, excerpt) = notified(next_event(&mut bob_socket, "notification.new").await);
    assert_eq!(
        (kind, excerpt.as_str()),
        (
            domain::notifications::NotificationKind::Mention,
            "@all standup now"
        )
    );
    assert_no_event(&mut cy_socket, "notification.new", quiet).await;
    let body = format!("@{} please", cy.handle);
    gw.post(
        &ann_token,
        &format!("{place}/messages"),
        json!({"body": body}),
    )
    .await;
    let (kind, _) = notified(next_event(&mut cy_socket, "notification.new").await);
    assert_eq!(kind, domain::notifications::NotificationKind::Mention);

    // A direct message notifies the other person, unless their settings say nothing.
    let (_, dm) = gw
        .post(
            &ann_token,
            "/api/v1/conversations",
            json!({"participantIDs": [bob.id]}),
        )
        .await;
    let dm = format!(
        "/api/v1/conversations/{}/messages",
        dm["conversation"]["id"].as_str().unwrap()
    );
    gw.post(&ann_token, &dm, json!({"body": "psst"})).await;
    let (kind, _) = notified(next_event(&mut bob_socket, "notification.new").await);
    assert_eq!(kind, domain::notifications::NotificationKind::Message);
    let (status, _) = gw
        .put(
            &bob_token,
            "/api/v1/me/notifications",
            json!({"level": "nothing", "desktop": false, "sound": false}),
        )
        .await;
    assert_eq!(status, 200);
    gw.post(&ann_token, &dm, json!({"body": "psst again"}))
        .await;
    next_event(&mut bob_socket, "message.new").await;
    assert_no_event(&mut bob_socket, "notification.new", quiet).await;
}
