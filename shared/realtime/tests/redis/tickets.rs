use domain::UserId;
use domain::revocation::Grant;

use super::redis;

#[tokio::test]
async fn a_ticket_is_redeemed_once() {
    let redis = redis().await;
    let user = UserId::new();
    let grant = Grant {
        family: ulid::Ulid::new().to_string(),
        issued_ms: 7,
    };
    let ticket = redis.mint_ticket(user, &grant).await.unwrap();
    assert_eq!(
        redis.redeem_ticket(&ticket).await.unwrap(),
        Some(realtime::tickets::Ticket {
            user,
            grant,
            pending: realtime::keys::pending_connection(&ticket),
        })
    );
    assert_eq!(redis.redeem_ticket(&ticket).await.unwrap(), None);
    assert_eq!(redis.redeem_ticket("made-up-ticket").await.unwrap(), None);
}
