//! Profile changes reach the people who show the person's name, live.

use super::*;

#[tokio::test]
async fn people_who_share_a_channel_see_a_status_and_time_zone_change_live() {
    let gw = spawn_gateway().await;
    let (ann, ann_token) = gw.user("ann").await;
    let (_, bob_token) = gw.user("bob").await;
    let mut bob = gw.connect(&bob_token).await;
    let mut own = gw.connect(&ann_token).await;

    let (status, body) = gw
        .put(
            &ann_token,
            "/api/v1/users/me/status",
            json!({"emoji": ":palm_tree:", "text": "On holiday"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    for socket in [&mut bob, &mut own] {
        let seen = expect_event!(socket, "user.updated", UserUpdated);
        assert_eq!(seen.id, ann.id);
        let shown = seen.status.expect("the status is in the event");
        assert_eq!(
            (shown.emoji.as_str(), shown.text.as_str()),
            ("🌴", "On holiday")
        );
    }

    let (status, body) = gw
        .patch(
            &ann_token,
            "/api/v1/users/me",
            json!({"timeZone": "Asia/Tokyo"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let seen = expect_event!(&mut bob, "user.updated", UserUpdated);
    assert_eq!(seen.time_zone.as_deref(), Some("Asia/Tokyo"));
    assert!(seen.status.is_some(), "the status stays");

    let (status, body) = gw.delete(&ann_token, "/api/v1/users/me/status").await;
    assert_eq!(status, 204, "{body}");
    let seen = expect_event!(&mut bob, "user.updated", UserUpdated);
    assert_eq!((seen.id, seen.status), (ann.id, None));

    // A refused change tells nobody anything.
    let (status, _) = gw
        .patch(
            &ann_token,
            "/api/v1/users/me",
            json!({"timeZone": "Nowhere/Else"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_no_event(&mut bob, "user.updated", WAIT).await;
}
