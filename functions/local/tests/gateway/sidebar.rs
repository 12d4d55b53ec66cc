//! One person's sidebar: favourites, categories and read points follow them to their other
//! devices, and reach nobody else.

use domain::sidebar::{Category, Membership};

use super::*;

#[tokio::test]
async fn sidebar_preferences_follow_the_user_to_their_other_devices_only() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token, [mut alice_phone, mut alice_laptop]) = gw.online("alice").await;
    let (bob, bob_token, [mut bob_socket]) = gw.online("bob").await;

    let id = create_channel(&gw, &alice_token, "team", "public").await;
    let place = channel_path(id);
    let membership = format!("{place}/membership");
    add_member(&gw, &alice_token, id, bob.id).await;
    let mut last = None;
    for text in ["one", "two", "three"] {
        last = Some(say(&gw, &bob_token, &place, text).await);
    }
    let last = last.unwrap();
    settle(&mut [&mut alice_phone, &mut alice_laptop, &mut bob_socket]).await;

    // Favourite on the phone: the laptop hears of it; bob hears nothing.
    let favourite = gw
        .patch(&alice_token, &membership, json!({"favorite": true}))
        .await;
    let favourite: Membership = answered!(favourite, 200);
    assert!(favourite.favorite);
    assert_eq!(favourite.parent_id, id.to_string());
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.membership", SidebarMembership),
        favourite
    );
    assert_quiet(&mut [&mut bob_socket]).await;

    // A category: the laptop gets the new list.
    let projects = json!({"name": "Projects"});
    let projects = gw
        .post(&alice_token, "/api/v1/sidebar/categories", projects)
        .await;
    let projects: Category = answered!(projects, 201);
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.categories", SidebarCategories),
        vec![projects.clone()]
    );
    let filed = gw
        .patch(
            &alice_token,
            &membership,
            json!({"categoryID": projects.id}),
        )
        .await;
    let filed: Membership = answered!(filed, 200);
    assert_eq!(filed.category_id, Some(projects.id));
    assert!(filed.favorite, "other settings stay");
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.membership", SidebarMembership),
        filed
    );
    assert_quiet(&mut [&mut bob_socket]).await;

    // The phone, which made the calls, got the same three events.
    let same = [
        "sidebar.membership",
        "sidebar.categories",
        "sidebar.membership",
    ];
    expect_frames(&mut alice_phone, &same).await;

    // bob's categories are his: alice hears nothing of them and cannot file into one.
    let his = gw
        .post(
            &bob_token,
            "/api/v1/sidebar/categories",
            json!({"name": "Mine"}),
        )
        .await;
    let his: Category = answered!(his, 201);
    assert_eq!(
        expect_event!(&mut bob_socket, "sidebar.categories", SidebarCategories),
        vec![his.clone()]
    );
    assert_refused(
        gw.patch(&alice_token, &membership, json!({"categoryID": his.id}))
            .await,
        404,
        "category_not_found",
    );
    for device in [&mut alice_phone, &mut alice_laptop] {
        let frames = assert_no_event(device, "sidebar.categories", WAIT).await;
        assert!(frames.is_empty(), "{frames:?}");
    }

    // Reading: the read point moves forward, the laptop follows; it never moves back.
    let read = gw
        .post(
            &alice_token,
            &format!("{place}/read"),
            json!({"seq": last.seq}),
        )
        .await;
    let read: Membership = answered!(read, 200);
    assert_eq!(read.last_read_seq, last.seq);
    assert_eq!(
        expect_event!(&mut alice_laptop, "sidebar.membership", SidebarMembership),
        read
    );
    let back = gw
        .post(&alice_token, &format!("{place}/read"), json!({"seq": 1}))
        .await;
    let unchanged: Membership = answered!(back, 200);
    assert_eq!(unchanged.last_read_seq, last.seq);
    assert_quiet(&mut [&mut bob_socket]).await;

    // The sidebar as read afresh agrees, and bob's own row is untouched.
    let alices = sidebar(&gw, &alice_token).await;
    let row = sidebar_channel(&alices, id).unwrap();
    assert!(row.membership.favorite);
    assert_eq!(row.membership.category_id, Some(projects.id));
    assert_eq!(row.membership.last_read_seq, last.seq);
    assert_eq!(alices.categories, vec![projects]);
    let bobs = sidebar(&gw, &bob_token).await;
    let row = sidebar_channel(&bobs, id).unwrap();
    assert!(!row.membership.favorite);
    assert_eq!(row.membership.category_id, None);
    assert_eq!(row.membership.last_read_seq, 0);
    assert_eq!(bobs.categories, vec![his]);
}

// A bug found in the API (shared/), pinned until fixed.

#[tokio::test]
async fn a_read_point_past_the_newest_message_is_not_recorded() {
    let gw = spawn_gateway().await;
    let (_alice, alice_token) = gw.user("alice").await;
    let place = channel_path(ChannelId::GENERAL);
    let newest = say(&gw, &alice_token, &place, "the only message").await;

    let (status, body) = gw
        .post(&alice_token, &format!("{place}/read"), json!({"seq": 1000}))
        .await;
    // A read point beyond the newest message would mark every later message read before it
    // is written: refuse it (400) or hold it at the newest message.
    if status == 200 {
        let read: Membership = answered!((status, body), 200);
        assert!(
            read.last_read_seq <= newest.seq,
            "lastReadSeq {} past lastSeq {}",
            read.last_read_seq,
            newest.seq
        );
    } else {
        assert_eq!(status, 400, "{body}");
    }
    let later = say(&gw, &alice_token, &place, "written later").await;
    let row = sidebar(&gw, &alice_token).await;
    let row = sidebar_channel(&row, ChannelId::GENERAL).unwrap();
    assert!(row.membership.last_read_seq <= later.seq);
}
