use domain::{MessageId, UserId};

use super::redis;

#[tokio::test]
async fn a_send_nonce_is_claimed_once_per_author() {
    let redis = redis().await;
    let (author, other) = (UserId::new(), UserId::new());
    let nonce = ulid::Ulid::new().to_string();
    let (first, second) = (MessageId::new(), MessageId::new());
    assert_eq!(
        redis.claim_send_nonce(author, &nonce, first).await.unwrap(),
        None
    );
    assert_eq!(
        redis
            .claim_send_nonce(author, &nonce, second)
            .await
            .unwrap(),
        Some(first)
    );
    // Nonces are per author: someone else's identical nonce is a different send.
    assert_eq!(
        redis.claim_send_nonce(other, &nonce, second).await.unwrap(),
        None
    );
    redis.release_send_nonce(author, &nonce).await.unwrap();
    assert_eq!(
        redis
            .claim_send_nonce(author, &nonce, second)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn json_values_are_taken_once() {
    let redis = redis().await;
    let key = format!("test:{}", ulid::Ulid::new());
    redis.put_json(&key, &vec!["a", "b"], 60).await.unwrap();
    assert_eq!(
        redis.take_json::<Vec<String>>(&key).await.unwrap(),
        Some(vec!["a".into(), "b".into()])
    );
    assert_eq!(redis.take_json::<Vec<String>>(&key).await.unwrap(), None);
}
