//! Typing over real WebSockets: it reaches the other members only, throttled, per place (a
//! thread is a place of its own), and typing where one is not a member is refused.

use super::*;

#[tokio::test]
async fn typing_reaches_the_other_members_only_and_is_throttled() {
    let gw = spawn_gateway().await;
    let (ann, _, [mut ann_socket]) = gw.online("ann").await;
    let (bob, _, [mut bob_socket]) = gw.online("bob").await;
    let (_eve, _, [mut eve_socket]) = gw.online("eve").await;
    let channel = gw.channel("crew", &[ann.id, bob.id]).await;
    let typing = json!({"type": "typing", "parentID": channel.id, "parentType": "channel"});

    send_frame(&mut ann_socket, typing.clone()).await;
    let t = expect_event!(&mut bob_socket, "typing", Typing);
    assert_eq!((t.user_id, t.parent_id), (ann.id, channel.id.to_string()));
    // A second frame within the throttle window sends nothing more.
    send_frame(&mut ann_socket, typing).await;
    let within = Duration::from_millis(500);
    assert_no_event(&mut bob_socket, "typing", within).await;
    assert_no_event(&mut ann_socket, "typing", within).await;
    assert_no_event(&mut eve_socket, "typing", within).await;
    // A thread is a place of its own, with its own window.
    let root = domain::MessageId::new();
    send_frame(
        &mut ann_socket,
        json!({"type": "typing", "parentID": channel.id, "parentType": "channel",
            "threadRootID": root}),
    )
    .await;
    let t = expect_event!(&mut bob_socket, "typing", Typing);
    assert_eq!(t.thread_root_id, Some(root));
    assert_no_event(&mut eve_socket, "typing", within).await;

    // Typing where one is not a member is refused with an error frame; the socket still works.
    send_frame(
        &mut eve_socket,
        json!({"type": "typing", "parentID": channel.id, "parentType": "channel"}),
    )
    .await;
    assert_eq!(
        error_code(next_event(&mut eve_socket, "error").await),
        "channel_not_found"
    );
    for (bad, code) in [
        (
            json!({"type": "typing", "parentID": "nope", "parentType": "channel"}),
            "channel_not_found",
        ),
        (
            json!({"type": "typing", "parentID": domain::ChannelId::new(), "parentType": "channel"}),
            "channel_not_found",
        ),
        (
            json!({"type": "typing", "parentID": domain::ConversationId::new(),
                "parentType": "conversation"}),
            "conversation_not_found",
        ),
        (
            json!({"type": "typing", "parentID": channel.id, "parentType": "channel",
                "threadRootID": "not-a-message"}),
            "invalid_frame",
        ),
    ] {
        send_frame(&mut eve_socket, bad.clone()).await;
        assert_eq!(
            error_code(next_event(&mut eve_socket, "error").await),
            code,
            "{bad}"
        );
    }
    send_frame(&mut eve_socket, json!({"type": "ping"})).await;
    next_event(&mut eve_socket, "pong").await;
}
