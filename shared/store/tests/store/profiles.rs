//! Profile changes on the user item: each a single update, answering the account after it.

use domain::Timestamp;
use domain::profile::{CustomStatus, TimeZone};
use domain::user::{DisplayName, Role, Theme};
use store::profiles::ProfileChange;
use store::users::new_user;

use crate::{create_user, fresh_store};

#[tokio::test]
async fn a_new_name_is_what_the_roster_search_finds() {
    let store = fresh_store().await;
    let user = new_user("gwen@example.com", "Gwen".into(), Role::Guest);
    create_user(&store, &user).await;

    let name = DisplayName::parse("Winifred Gray").unwrap();
    let zone = TimeZone::parse("Europe/Paris").unwrap();
    let change = ProfileChange {
        display_name: Some(&name),
        time_zone: Some(Some(&zone)),
        theme: Some(Theme::Dark),
    };
    let changed = store
        .users()
        .change_profile(&user, change)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(changed.display_name, "Winifred Gray");
    assert_eq!(changed.time_zone.as_deref(), Some("Europe/Paris"));
    assert_eq!(changed.theme, Theme::Dark);
    assert_eq!(store.users().get(user.id).await.unwrap(), Some(changed));

    let found = |q: &str| {
        let (store, q) = (store.clone(), q.to_string());
        async move {
            let page = store.users().page(&q, None, 10).await.unwrap().unwrap();
            page.items.iter().map(|u| u.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("winifred").await, vec![user.id]);
    assert_eq!(
        found("gwen ").await,
        Vec::new(),
        "the old name is not searched"
    );
    assert_eq!(
        found("gwen@").await,
        Vec::new(),
        "email addresses are not searched in the roster"
    );
    assert_eq!(found(&user.handle).await, vec![user.id], "the handle is");
    let directory = store
        .users()
        .list(store::users::Listing::All, "gwen@", None, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        directory.users.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![user.id],
        "the admin directory still searches addresses"
    );

    let forgot = store
        .users()
        .change_profile(
            &user,
            ProfileChange {
                time_zone: Some(None),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(forgot.time_zone, None);
    assert_eq!(forgot.display_name, "Winifred Gray");
    assert_eq!(forgot.theme, Theme::Dark, "what is not given stays");
}

#[tokio::test]
async fn a_status_is_set_replaced_and_cleared_and_nobody_else_is_touched() {
    let store = fresh_store().await;
    let user = new_user("ann@example.com", "Ann".into(), Role::Member);
    create_user(&store, &user).await;
    let status = |emoji: &str, clear_at| CustomStatus {
        emoji: emoji.into(),
        text: "Away".into(),
        clear_at,
    };

    let first = status("🌴", Some(Timestamp::now().plus_seconds(60)));
    let set = store
        .users()
        .set_custom_status(user.id, &first)
        .await
        .unwrap();
    assert_eq!(set.unwrap().custom_status, Some(first));
    let second = status("🤒", None);
    store
        .users()
        .set_custom_status(user.id, &second)
        .await
        .unwrap();
    let read = store.users().get(user.id).await.unwrap().unwrap();
    assert_eq!(read.custom_status, Some(second));
    assert_eq!(read.display_name, "Ann", "the rest of the account stays");

    let cleared = store.users().clear_custom_status(user.id).await.unwrap();
    assert_eq!(cleared.unwrap().custom_status, None);

    // An account that does not exist is not made by a status.
    let nobody = domain::UserId::new();
    assert_eq!(
        store
            .users()
            .set_custom_status(nobody, &status("🌴", None))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.users().clear_custom_status(nobody).await.unwrap(),
        None
    );
    assert_eq!(store.users().get(nobody).await.unwrap(), None);
}
