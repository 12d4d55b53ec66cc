//! Sending a message: what a body may be (counted as people see characters, never only
//! invisible characters), and nothing stored when it is refused.

use axum::http::StatusCode;
use domain::user::Role;
use serde_json::json;

use crate::spawn_app;

#[tokio::test]
async fn bodies_are_counted_as_people_see_characters() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let accented = "e\u{301}"; // é as e + a combining accent: two code points, one character
    app.say(&place, &ann, json!({"body": accented.repeat(4096)}))
        .await;
    let (status, answer) = app
        .post(
            &format!("{place}/messages"),
            &ann,
            json!({"body": accented.repeat(4097)}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("4097")
    );
}

#[tokio::test]
async fn a_message_of_only_invisible_characters_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let ann = app.person("ann", Role::Member).await;
    let place = app.room(&ann, &[]).await;
    let root = app.say(&place, &ann, json!({"body": "visible"})).await;
    let root_id = root["id"].as_str().unwrap();
    let message = format!("{place}/messages/{root_id}");
    for blank in [
        "\u{200B}",
        " \u{200B}\u{200D}\n\u{FEFF} ",
        "\u{2060}",
        "\u{0301}",
    ] {
        let sends = [
            json!({"body": blank}),
            json!({"body": blank, "threadRootID": root_id}),
        ];
        for body in sends {
            let (status, answer) = app.post(&format!("{place}/messages"), &ann, body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{blank:?}: {answer}");
            assert!(
                answer["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("visible"),
                "{answer}"
            );
        }
        let (status, answer) = app.patch(&message, &ann, json!({"body": blank})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{blank:?}: {answer}");
    }
    let (_, page) = app.get(&format!("{place}/messages"), &ann).await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["body"], "visible");
    assert!(items[0]["editedAt"].is_null(), "{page}");
    assert_eq!(items[0]["replyCount"], 0, "{page}");
}
