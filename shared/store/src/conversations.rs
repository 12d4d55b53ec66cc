//! Conversations: metadata (participants as a string set, so adds and leaves are atomic), a
//! lock per participant set pointing at the conversation (the same people always land in the
//! same conversation), and participant memberships, all changed in one transaction.

use aws_sdk_dynamodb::types::{
    AttributeValue, Delete, Put, ReturnValue, TransactWriteItem, Update,
};
use domain::channel::ChannelRole;
use domain::conversation::{Conversation, ConversationKind, Participants};
use domain::{ConversationId, Parent, Timestamp, UserId};

use crate::items::{Item, get_s, item, key, parse, s};
use crate::keys::{self, LOCK, META, PK, SK};
use crate::memberships::{MEMBERS_VERSION, add_writes, remove_writes};
use crate::tx::{self, Failed};
use crate::{Store, StoreError};

#[derive(Clone, Copy)]
pub struct Conversations<'a>(pub(crate) &'a Store);

/// How many times a membership change retries after another change moved the set locks.
const LOCK_ATTEMPTS: usize = 3;

fn codec(e: impl std::fmt::Display) -> StoreError {
    StoreError::Codec(e.to_string())
}

fn kind_key(kind: ConversationKind) -> &'static str {
    match kind {
        ConversationKind::Notes => "notes",
        ConversationKind::Direct => "direct",
        ConversationKind::Group => "group",
    }
}

fn set_lock_key(kind: ConversationKind, people: &Participants) -> Item {
    key(
        keys::conversation_set(kind_key(kind), &people.fingerprint()),
        LOCK,
    )
}

fn id_set(ids: &[UserId]) -> AttributeValue {
    AttributeValue::Ss(ids.iter().map(ToString::to_string).collect())
}

impl Conversations<'_> {
    pub async fn get(self, id: ConversationId) -> Result<Option<Conversation>, StoreError> {
        let found = self.0.get_item(key(keys::conversation(id), META)).await?;
        found.map(parse).transpose()
    }

    /// The conversation of exactly these people, if there is one.
    pub async fn find(self, people: &Participants) -> Result<Option<Conversation>, StoreError> {
        self.by_set(people.kind(), people).await
    }

    /// The conversation of exactly these people, made if there is none yet. `true` when made.
    pub async fn open(
        self,
        people: &Participants,
        creator: UserId,
        name: Option<String>,
    ) -> Result<(Conversation, bool), StoreError> {
        let kind = people.kind();
        if let Some(existing) = self.by_set(kind, people).await? {
            return Ok((existing, false));
        }
        let conversation = Conversation {
            id: ConversationId::new(),
            kind,
            name: name.filter(|_| kind == ConversationKind::Group),
            participant_ids: people.ids().to_vec(),
            created_by: creator,
            created_at: Timestamp::now(),
            last_seq: 0,
            last_message_at: None,
        };
        let table = self.0.table();
        let mut meta = item(
            &conversation,
            &[
                (PK, keys::conversation(conversation.id)),
                (SK, META.to_string()),
            ],
        )?;
        meta.insert("participantIDs".into(), id_set(people.ids()));
        let mut lock = set_lock_key(kind, people);
        lock.insert("conversationID".into(), s(conversation.id.to_string()));
        let mut writes = vec![tx::put_new(table, meta)?, tx::put_new(table, lock)?];
        for person in people.ids() {
            writes.extend(add_writes(
                table,
                Parent::Conversation(conversation.id),
                *person,
                ChannelRole::Member,
                conversation.created_at,
                0,
            )?);
        }
        // The creator sees it at once; the others from its first message.
        if let Some(put) = writes
            .iter_mut()
            .filter_map(|w| w.put.as_mut())
            .find(|p| p.item.get(PK).and_then(|v| v.as_s().ok()) == Some(&keys::user(creator)))
        {
            put.item.insert("opened".into(), AttributeValue::Bool(true));
        }
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok((conversation, true)),
            // Someone opened the same conversation at the same moment: theirs it is.
            Err(Failed(_)) => match self.by_set(kind, people).await? {
                Some(existing) => Ok((existing, false)),
                None => Err(StoreError::NotFound),
            },
        }
    }

    async fn by_set(
        self,
        kind: ConversationKind,
        people: &Participants,
    ) -> Result<Option<Conversation>, StoreError> {
        let lock = self.0.get_item(set_lock_key(kind, people)).await?;
        match lock
            .as_ref()
            .and_then(|l| get_s(l, "conversationID"))
            .and_then(|id| id.parse().ok())
        {
            Some(id) => self.get(id).await,
            None => Ok(None),
        }
    }

    /// Sets or clears a group's name.
    pub async fn rename(
        self,
        id: ConversationId,
        name: Option<&str>,
    ) -> Result<Option<Conversation>, StoreError> {
        let request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::conversation(id), META)))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#name", "name")
            .return_values(ReturnValue::AllNew);
        let request = match name {
            Some(name) => request
                .update_expression("SET #name = :name")
                .expression_attribute_values(":name", s(name)),
            None => request.update_expression("REMOVE #name"),
        };
        crate::items::updated(request.send().await)
    }

    /// Adds people to a group. The group's set lock moves to the new set when no other group
    /// holds it. `None` when someone else changed the group meanwhile (read it and try again).
    pub async fn add(
        self,
        group: &Conversation,
        people: &[UserId],
    ) -> Result<Option<Conversation>, StoreError> {
        let joined = Timestamp::now();
        let mut writes = Vec::new();
        for person in people {
            writes.extend(add_writes(
                self.0.table(),
                Parent::Conversation(group.id),
                *person,
                ChannelRole::Member,
                joined,
                group.last_seq,
            )?);
        }
        let after: Vec<UserId> = group
            .participant_ids
            .iter()
            .chain(people)
            .copied()
            .collect();
        self.change_set(group, writes, "ADD", people, &after).await
    }

    /// Takes `user` out of a group.
    pub async fn leave(
        self,
        group: &Conversation,
        user: UserId,
    ) -> Result<Option<Conversation>, StoreError> {
        let writes = remove_writes(
            self.0.table(),
            Parent::Conversation(group.id),
            user,
            ChannelRole::Member,
        )?;
        let after: Vec<UserId> = group
            .participant_ids
            .iter()
            .filter(|p| **p != user)
            .copied()
            .collect();
        self.change_set(group, writes, "DELETE", &[user], &after)
            .await
    }

    /// Runs membership `writes` with the participant-set change, moving the set lock along.
    async fn change_set(
        self,
        group: &Conversation,
        writes: Vec<TransactWriteItem>,
        op: &str,
        changed: &[UserId],
        after: &[UserId],
    ) -> Result<Option<Conversation>, StoreError> {
        let table = self.0.table();
        // The change applies to the set the caller read: if someone changed the group since,
        // the condition fails and the caller reads it again.
        let meta = Update::builder()
            .table_name(table)
            .set_key(Some(key(keys::conversation(group.id), META)))
            .update_expression(match op {
                "ADD" => "ADD participantIDs :changed, #version :one".to_string(),
                _ => format!("{op} participantIDs :changed ADD #version :one"),
            })
            .condition_expression("participantIDs = :before")
            .expression_attribute_names("#version", MEMBERS_VERSION)
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .expression_attribute_values(":changed", id_set(changed))
            .expression_attribute_values(":before", id_set(&group.participant_ids))
            .build()
            .map_err(codec)?;
        let before = Participants::from_sorted(group.participant_ids.clone());
        let after = Participants::from_sorted(after.to_vec());
        // An unchanged set keeps its lock; the membership writes then fail and say so.
        let moved = before != after;
        let mut release_old = moved;
        let mut claim_new = moved && !after.ids().is_empty();
        for _ in 0..LOCK_ATTEMPTS {
            let mut all = writes.clone();
            let meta_at = all.len();
            all.push(TransactWriteItem::builder().update(meta.clone()).build());
            let release_at = all.len();
            if release_old {
                let delete = Delete::builder()
                    .table_name(table)
                    .set_key(Some(set_lock_key(ConversationKind::Group, &before)))
                    .condition_expression("conversationID = :id")
                    .expression_attribute_values(":id", s(group.id.to_string()))
                    .build()
                    .map_err(codec)?;
                all.push(TransactWriteItem::builder().delete(delete).build());
            }
            let claim_at = all.len();
            if claim_new {
                let mut lock = set_lock_key(ConversationKind::Group, &after);
                lock.insert("conversationID".into(), s(group.id.to_string()));
                let put = Put::builder()
                    .table_name(table)
                    .set_item(Some(lock))
                    .condition_expression("attribute_not_exists(#pk)")
                    .expression_attribute_names("#pk", PK)
                    .build()
                    .map_err(codec)?;
                all.push(TransactWriteItem::builder().put(put).build());
            }
            match tx::write(self.0, all).await? {
                Ok(()) => return self.get(group.id).await,
                Err(Failed(i)) if i == meta_at => return Ok(None),
                // This group does not hold its old set's lock (another group does): leave it.
                Err(Failed(i)) if release_old && i == release_at => release_old = false,
                // Another group already is exactly these people: it keeps the lock.
                Err(Failed(i)) if claim_new && i == claim_at => claim_new = false,
                Err(Failed(_)) => return Ok(None),
            }
        }
        Ok(None)
    }
}
