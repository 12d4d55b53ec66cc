//! Message changes travel live to the members and nobody else: edits, reactions, pins and
//! deletes as `message.updated`/`message.deleted`, thread replies with their root's new count,
//! and a mention of an outsider told to its author alone.

use super::*;

#[tokio::test]
async fn changes_to_a_message_reach_its_members_live_and_only_them() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;
    let (_eve, _, [mut eve_socket]) = gw.online("eve").await;
    let channel = gw.channel("crew", &[ann.id, bob.id]).await;
    let place = channel_path(channel.id);

    let root = post_message(&gw, &ann_token, &place, json!({"body": "draft plan"})).await;
    next_event(&mut bob_socket, "message.new").await;
    let message = format!("{place}/messages/{}", root.id);

    let (status, _) = gw
        .patch(&ann_token, &message, json!({"body": "final plan"}))
        .await;
    assert_eq!(status, 200);
    match next_event(&mut bob_socket, "message.updated").await {
        ServerEvent::MessageUpdated(m) => {
            assert_eq!(
                (m.body.as_str(), m.edited_at.is_some()),
                ("final plan", true)
            );
        }
        other => panic!("{other:?}"),
    }

    let (status, _) = gw
        .put(
            &bob_token,
            &format!("{message}/reactions/%F0%9F%8E%89"),
            Value::Null,
        )
        .await;
    assert_eq!(status, 200);
    match next_event(&mut bob_socket, "message.updated").await {
        ServerEvent::MessageUpdated(m) => assert_eq!(m.reactions["🎉"], vec![bob.id]),
        other => panic!("{other:?}"),
    }

    let reply = post_message(
        &gw,
        &bob_token,
        &place,
        json!({"body": "on it", "threadRootID": root.id}),
    )
    .await;
    match next_event(&mut bob_socket, "message.new").await {
        ServerEvent::MessageNew(m) => assert_eq!(m.thread_root_id, Some(root.id)),
        other => panic!("{other:?}"),
    }
    match next_event(&mut bob_socket, "message.updated").await {
        ServerEvent::MessageUpdated(m) => {
            assert_eq!(
                (m.id, m.reply_count, m.recent_replier_ids.clone()),
                (root.id, 1, vec![bob.id])
            );
        }
        other => panic!("{other:?}"),
    }

    let (status, _) = gw
        .delete(
            &bob_token,
            &format!("{place}/messages/{}?thread={}", reply.id, root.id),
        )
        .await;
    assert_eq!(status, 204);
    match next_event(&mut bob_socket, "message.deleted").await {
        ServerEvent::MessageDeleted(d) => {
            assert_eq!((d.id, d.thread_root_id), (reply.id, Some(root.id)));
        }
        other => panic!("{other:?}"),
    }

    // eve, outside the channel, heard none of it.
    assert_nothing_about(&mut eve_socket, &[&channel.id.to_string(), "final plan"]).await;
}

#[tokio::test]
async fn mentioning_an_outsider_tells_the_author_alone() {
    let gw = spawn_gateway().await;
    let (ann, ann_token, [mut ann_socket]) = gw.online("ann").await;
    let (bob, _, [mut bob_socket]) = gw.online("bob").await;
    let (eve, _, [mut eve_socket]) = gw.online("eve").await;
    let channel = gw.channel("crew", &[ann.id, bob.id]).await;
    let place = channel_path(channel.id);

    let sent = post_message(
        &gw,
        &ann_token,
        &place,
        json!({"body": format!("@{} @{} look", bob.handle, eve.handle)}),
    )
    .await;
    match next_event(&mut ann_socket, "mention.outsiders").await {
        ServerEvent::MentionOutsiders(o) => {
            assert_eq!((o.message_id, o.user_ids), (sent.id, vec![eve.id]));
        }
        other => panic!("{other:?}"),
    }
    // bob, a member, gets his mention counted on his sidebar row.
    match next_event(&mut bob_socket, "sidebar.membership").await {
        ServerEvent::SidebarMembership(row) => assert_eq!(row.mention_count, 1),
        other => panic!("{other:?}"),
    }
    assert_nothing_about(&mut eve_socket, &[&channel.id.to_string(), "look"]).await;
}
