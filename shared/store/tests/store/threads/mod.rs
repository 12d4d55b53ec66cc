//! Threads: where replies live, what the root records of them, replies under concurrency,
//! refused replies, paging a thread, and who follows what.

mod follows;
mod paging;
mod replies;

use domain::message::Message;
use domain::{MessageId, Parent, UserId};
use store::Store;

use crate::{reply_to, stored, text_by};

/// A reply by `by` to `root`: the reply, and the root as the reply left it.
pub(super) async fn reply(
    store: &Store,
    parent: Parent,
    root: MessageId,
    by: UserId,
) -> (Message, Message) {
    reply_to(store, parent, root, text_by(by, "reply")).await
}

/// The root as it is stored now.
pub(super) async fn root_now(store: &Store, parent: Parent, root: MessageId) -> Message {
    stored(store, parent, None, root).await
}
