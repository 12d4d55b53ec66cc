//! A message's files: written with it in one transaction that uses up its uploads, listed
//! newest first under its parent, and gone with its deletion.

use domain::files::{Attachment, ContentType, FileName, Sha256};
use domain::message::MessageBody;
use domain::{FileId, Parent, UserId};
use store::Store;
use store::messages::{Attached, Content, NewMessage, NotSent};
use store::uploads::PendingUpload;

use crate::{delete, fresh_store, room};

async fn waiting_upload(store: &Store, owner: UserId, name: &str) -> PendingUpload {
    let upload = PendingUpload::new(
        owner,
        &FileName::parse(name).unwrap(),
        4,
        &ContentType::parse("text/plain").unwrap(),
        Sha256([7; 32]),
    );
    store.uploads().create(&upload).await.unwrap();
    upload
}

fn sharing(author: UserId, uploads: &[&PendingUpload]) -> NewMessage {
    NewMessage {
        id: domain::MessageId::new(),
        author,
        content: Content::Files {
            caption: Some(MessageBody::parse("files").unwrap()),
            files: uploads
                .iter()
                .map(|upload| Attached {
                    upload: upload.id,
                    file: Attachment {
                        id: FileId::new(),
                        name: upload.name.clone(),
                        size: upload.size,
                        content_type: upload.content_type.clone(),
                        image: None,
                    },
                })
                .collect(),
        },
        client_nonce: None,
        mentions: Default::default(),
    }
}

/// The names in `parent`'s files pane, sorted (files of one message share a moment, so their
/// order among themselves is not pinned).
async fn pane(store: &Store, parent: Parent) -> Vec<String> {
    let page = store.files().page(parent, None, 10).await.unwrap().unwrap();
    let mut names: Vec<String> = page.items.into_iter().map(|f| f.file.name).collect();
    names.sort();
    names
}

#[tokio::test]
async fn files_are_written_with_their_message_and_use_up_their_uploads() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let ann = UserId::new();
    let a = waiting_upload(&store, ann, "a.txt").await;
    let b = waiting_upload(&store, ann, "b.txt").await;
    let sent = store
        .messages()
        .append(parent, sharing(ann, &[&a, &b]))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.attachments.len(), 2);
    assert_eq!(pane(&store, parent).await, ["a.txt", "b.txt"]);
    assert_eq!(store.uploads().get(ann, a.id).await.unwrap(), None);

    // The same upload again: nothing is written, not even the other, fresh upload's use.
    let c = waiting_upload(&store, ann, "c.txt").await;
    let again = store
        .messages()
        .append(parent, sharing(ann, &[&c, &a]))
        .await
        .unwrap();
    assert_eq!(again.err(), Some(NotSent::UploadGone));
    assert_eq!(pane(&store, parent).await, ["a.txt", "b.txt"]);
    assert!(store.uploads().get(ann, c.id).await.unwrap().is_some());

    // Someone else's upload is not theirs to use.
    let bob = UserId::new();
    let refused = store
        .messages()
        .append(parent, sharing(bob, &[&c]))
        .await
        .unwrap();
    assert_eq!(refused.err(), Some(NotSent::UploadGone));

    let deleted = delete(&store, parent, None, sent.id).await.unwrap();
    assert!(deleted.attachments.is_empty());
    assert!(pane(&store, parent).await.is_empty());
}

#[tokio::test]
async fn a_files_pane_pages_with_cursors_of_its_own_parent_only() {
    let store = fresh_store().await;
    let parent = room(&store).await;
    let other = room(&store).await;
    let ann = UserId::new();
    for name in ["1.txt", "2.txt", "3.txt"] {
        let upload = waiting_upload(&store, ann, name).await;
        store
            .messages()
            .append(parent, sharing(ann, &[&upload]))
            .await
            .unwrap()
            .unwrap();
    }
    let first = store.files().page(parent, None, 2).await.unwrap().unwrap();
    let names: Vec<&str> = first.items.iter().map(|f| f.file.name.as_str()).collect();
    assert_eq!(names, ["3.txt", "2.txt"]);
    let cursor = first.next_cursor.unwrap();
    let second = store
        .files()
        .page(parent, Some(&cursor), 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.items[0].file.name, "1.txt");
    assert_eq!(second.next_cursor, None);
    // A cursor of one parent means nothing in another.
    assert_eq!(
        store.files().page(other, Some(&cursor), 2).await.unwrap(),
        None
    );
    assert_eq!(
        store.files().page(parent, Some("junk"), 2).await.unwrap(),
        None
    );
}
