//! Writes whose first answer is lost: DynamoDB applied them, the answer never arrived (a
//! timeout), and the SDK sent them again. The second try must take the first one's work as its
//! own, not refuse it or do it twice. An interceptor turns the first answer to one operation
//! into a timeout, so the SDK's own retry runs against the real DynamoDB Local.

use std::sync::atomic::{AtomicBool, Ordering};

use aws_sdk_dynamodb::config::interceptors::FinalizerInterceptorContextMut;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::{Metadata, OrchestratorError};
use aws_smithy_runtime_api::client::result::ConnectorError;
use domain::drafts::Draft;
use domain::{ChannelId, Parent};
use store::Store;

use crate::threads::root_now;
use crate::{append, at, fresh_store, room, text, text_by, users};

/// What runs while an answer is being lost (another writer getting in before the retry).
type Meanwhile = Box<dyn Fn() + Send + Sync>;

/// Loses the first successful answer to any of `operations` (`PutItem`, `UpdateItem`,
/// `TransactWriteItems`), after running `meanwhile`.
struct LoseFirstAnswer {
    operations: &'static [&'static str],
    lost: AtomicBool,
    meanwhile: Option<Meanwhile>,
}

impl std::fmt::Debug for LoseFirstAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoseFirstAnswer")
            .field("operations", &self.operations)
            .finish_non_exhaustive()
    }
}

impl Intercept for LoseFirstAnswer {
    fn name(&self) -> &'static str {
        "LoseFirstAnswer"
    }

    fn modify_before_attempt_completion(
        &self,
        context: &mut FinalizerInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let targeted = cfg
            .load::<Metadata>()
            .is_some_and(|m| self.operations.contains(&m.name()));
        if let Some(answer) = context.output_or_error_mut()
            && targeted
            && answer.is_ok()
            && !self.lost.swap(true, Ordering::SeqCst)
        {
            if let Some(meanwhile) = &self.meanwhile {
                meanwhile();
            }
            *answer = Err(OrchestratorError::connector(ConnectorError::timeout(
                "the answer was lost on the way back".into(),
            )));
        }
        Ok(())
    }
}

/// A client of the DynamoDB Local the tests use, through `interceptor` if any.
async fn client(interceptor: Option<LoseFirstAnswer>) -> aws_sdk_dynamodb::Client {
    let endpoint = std::env::var("DYNAMODB_ENDPOINT").unwrap();
    let sdk = aws::sdk_config(
        "us-east-1",
        domain::limits::DYNAMODB_TIMEOUTS,
        Some(&endpoint),
    )
    .await;
    let mut config = aws_sdk_dynamodb::config::Builder::from(&sdk);
    if let Some(interceptor) = interceptor {
        config = config.interceptor(interceptor);
    }
    aws_sdk_dynamodb::Client::from_conf(config.build())
}

/// `store`'s table through a client that loses the first answer to any of `operations`.
async fn losing_first_answer(
    store: &Store,
    operations: &'static [&'static str],
    meanwhile: Option<Meanwhile>,
) -> Store {
    let interceptor = LoseFirstAnswer {
        operations,
        lost: AtomicBool::new(false),
        meanwhile,
    };
    Store::new(client(Some(interceptor)).await, store.table())
}

/// Runs `work` to the end on a thread and runtime of its own (the interceptor's hook is not
/// async, and the test's runtime is busy waiting for the lost answer).
fn on_another_thread<F: Future<Output = ()> + Send + 'static>(work: F) {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(work);
    })
    .join()
    .unwrap();
}

#[tokio::test]
async fn a_draft_save_sent_twice_is_saved_not_refused() {
    let store = fresh_store().await;
    let lossy = losing_first_answer(&store, &["PutItem"], None).await;
    let me = users(1)[0];
    let parent = Parent::Channel(ChannelId::new());
    let draft = Draft {
        parent_id: parent.to_string(),
        parent_type: parent.kind(),
        thread_root_id: None,
        body: "half written".into(),
        edited_at: at(10),
    };
    assert!(lossy.drafts().save(me, parent, &draft).await.unwrap());
    assert_eq!(
        store.drafts().list(me).await.unwrap(),
        std::slice::from_ref(&draft)
    );
    // The same draft saved again by a new request is still refused (an equal time).
    assert!(!store.drafts().save(me, parent, &draft).await.unwrap());
}

#[tokio::test]
async fn a_reply_sent_twice_keeps_its_number_while_another_gets_in_between() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let root = append(&store, parent, text("root")).await;
    let people = users(2);
    // While the first reply's answer is lost, the second reply is stored.
    let table = store.table().to_string();
    let (other, root_id) = (people[1], root.id);
    let meanwhile: Meanwhile = Box::new(move || {
        let table = table.clone();
        on_another_thread(async move {
            let store = Store::new(client(None).await, table);
            let replied = store
                .threads()
                .reply(parent, root_id, text_by(other, "second"))
                .await;
            assert!(matches!(replied, Ok(Ok(_))), "{replied:?}");
        });
    });
    let lossy = losing_first_answer(
        &store,
        &["UpdateItem", "TransactWriteItems"],
        Some(meanwhile),
    )
    .await;
    let (first, _) = lossy
        .threads()
        .reply(parent, root.id, text_by(people[0], "first"))
        .await
        .unwrap()
        .expect("the reply was refused");
    assert_eq!(first.seq, 1);
    let (replies, _) = store
        .threads()
        .replies(parent, root.id, None, 10)
        .await
        .unwrap()
        .unwrap();
    let mut seen: Vec<(u64, &str)> = replies.iter().map(|r| (r.seq, r.body.as_str())).collect();
    seen.sort_unstable();
    assert_eq!(seen, [(1, "first"), (2, "second")]);
    assert_eq!(root_now(&store, parent, root.id).await.reply_count, 2);
}
