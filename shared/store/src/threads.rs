//! Threads: replies live beside their root as `RPL#<root>#<id>` rows (one Query reads a
//! thread; the main history never sees them), the root carries the reply count, last reply
//! time and recent repliers, and each user's follows are `FOLLOW#` rows with a GSI1 entry per
//! follower.

use aws_sdk_dynamodb::types::AttributeValue;
use domain::limits::RECENT_REPLIERS;
use domain::message::Message;
use domain::{MessageId, Parent, ParentType, Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::error::unless_condition_failed;
use crate::items::{get_s, item, key, parse, s};
use crate::keys::{self, GSI1, GSI1PK, GSI1SK, PK, SK};
use crate::messages::{NewMessage, Refusal};
use crate::{Store, StoreError, cursor, paging};

mod numbering;

#[derive(Clone, Copy)]
pub struct Threads<'a>(pub(crate) &'a Store);

/// How often a reply retries when another reply changed the root first (with a growing,
/// jittered pause, so a burst of replies to one thread all get through).
const ROOT_ATTEMPTS: u32 = 24;

/// A user's stance on one thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    #[serde(rename = "parentID")]
    pub parent_id: String,
    pub parent_type: ParentType,
    #[serde(rename = "threadRootID")]
    pub thread_root_id: MessageId,
    /// `false` is an explicit unfollow: automatic follows never override it.
    pub following: bool,
    #[serde(default)]
    pub last_read_reply: u64,
}

impl Threads<'_> {
    /// Adds a reply to `root`'s thread: the root's count, last reply time and recent repliers
    /// move in one conditional update (retried if another reply got there first), then the
    /// reply is written. The root must be a live top-level message. Returns the reply and the
    /// updated root.
    pub async fn reply(
        self,
        parent: Parent,
        root: MessageId,
        new: NewMessage,
    ) -> Result<Result<(Message, Message), Refusal>, StoreError> {
        let messages = self.0.messages();
        for attempt in 0..ROOT_ATTEMPTS {
            let Some(mut current) = messages.get_consistent(parent, None, root).await? else {
                return Ok(Err(Refusal::NotFound));
            };
            if current.deleted {
                return Ok(Err(Refusal::Deleted));
            }
            let now = Timestamp::now();
            let seen = current.reply_count;
            current.reply_count += 1;
            current.last_reply_at = Some(now);
            current.recent_replier_ids.retain(|u| *u != new.author);
            current.recent_replier_ids.push(new.author);
            let keep = current
                .recent_replier_ids
                .len()
                .saturating_sub(RECENT_REPLIERS);
            current.recent_replier_ids.drain(..keep);
            if !self.count_reply(parent, &current, seen, new.id).await? {
                let jitter = u64::from(ulid::Ulid::new().random() as u8);
                let ceiling = 5u64 << attempt.min(5);
                tokio::time::sleep(std::time::Duration::from_millis(jitter % ceiling + 1)).await;
                continue;
            }
            let uploads = new.uploads();
            let reply = new.into_reply(parent, root, u64::from(current.reply_count), now);
            // A reply whose upload was used up meanwhile leaves the count one high: only the
            // uploader can cause that, by sending the same upload twice at once.
            if messages.write_new(parent, &reply, &uploads).await?.is_err() {
                return Ok(Err(Refusal::UploadGone));
            }
            return Ok(Ok((reply, current)));
        }
        Err(StoreError::Codec(
            "the thread changed too often to add a reply; try again".into(),
        ))
    }

    /// Replies after `after` (a cursor from an earlier page), oldest first. `None` when the
    /// cursor is not one we gave out.
    pub async fn replies(
        self,
        parent: Parent,
        root: MessageId,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Option<(Vec<Message>, Option<String>)>, StoreError> {
        let lower = match after {
            Some(c) => match cursor::decode(c) {
                // Strictly after the cursor's reply: its key plus one character.
                Some(id) => format!("{}~", keys::reply(root, id)),
                None => return Ok(None),
            },
            None => keys::thread_replies(root),
        };
        let upper = format!("{}~", keys::thread_replies(root));
        let query = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .key_condition_expression("#pk = :pk AND #sk BETWEEN :lower AND :upper")
            .expression_attribute_names("#pk", PK)
            .expression_attribute_names("#sk", SK)
            .expression_attribute_values(":pk", s(keys::parent(parent)))
            .expression_attribute_values(":lower", s(lower))
            .expression_attribute_values(":upper", s(upper));
        let (rows, more) = paging::collect(query, limit).await?;
        let replies: Vec<Message> = rows.into_iter().map(parse).collect::<Result<_, _>>()?;
        let next = if more {
            replies.last().map(|m| cursor::encode(m.id))
        } else {
            None
        };
        Ok(Some((replies, next)))
    }

    fn follow_row(
        parent: Parent,
        root: MessageId,
        user: UserId,
        following: bool,
    ) -> Result<crate::items::Item, StoreError> {
        let follow = Follow {
            parent_id: parent.to_string(),
            parent_type: parent.kind(),
            thread_root_id: root,
            following,
            last_read_reply: 0,
        };
        let mut keys_ = vec![(PK, keys::user(user)), (SK, keys::follow(parent, root))];
        if following {
            keys_.push((GSI1PK, keys::thread_followers(parent, root)));
            keys_.push((GSI1SK, keys::user(user)));
        }
        item(&follow, &keys_)
    }

    /// Follows or unfollows explicitly (an unfollow is remembered, so replying later does not
    /// follow again by itself).
    pub async fn set_following(
        self,
        parent: Parent,
        root: MessageId,
        user: UserId,
        following: bool,
    ) -> Result<(), StoreError> {
        // An update, not a put: the thread's read point survives an unfollow and a follow.
        // Only followers have a GSI1 entry (the thread's follower list).
        let update = if following {
            "SET #parent = :parent, parentType = :type, threadRootID = :root, \
             following = :following, #g1pk = :g1pk, #g1sk = :g1sk"
        } else {
            "SET #parent = :parent, parentType = :type, threadRootID = :root, \
             following = :following REMOVE #g1pk, #g1sk"
        };
        let mut request = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::follow(parent, root))))
            .update_expression(update)
            .expression_attribute_names("#parent", "parentID")
            .expression_attribute_names("#g1pk", GSI1PK)
            .expression_attribute_names("#g1sk", GSI1SK)
            .expression_attribute_values(":parent", s(parent.to_string()))
            .expression_attribute_values(":type", serde_dynamo::to_attribute_value(parent.kind())?)
            .expression_attribute_values(":root", s(root.to_string()))
            .expression_attribute_values(":following", AttributeValue::Bool(following));
        if following {
            request = request
                .expression_attribute_values(":g1pk", s(keys::thread_followers(parent, root)))
                .expression_attribute_values(":g1sk", s(keys::user(user)));
        }
        request
            .send()
            .await
            .map_err(|e| StoreError::dynamo("UpdateItem", e))?;
        Ok(())
    }

    /// Follows on someone's behalf (they wrote the root or a reply) unless they have a stance.
    pub async fn follow_unless_decided(
        self,
        parent: Parent,
        root: MessageId,
        user: UserId,
    ) -> Result<(), StoreError> {
        let result = self
            .0
            .client
            .put_item()
            .table_name(self.0.table())
            .set_item(Some(Self::follow_row(parent, root, user, true)?))
            .condition_expression("attribute_not_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .send()
            .await;
        unless_condition_failed("PutItem", result)?;
        Ok(())
    }

    /// Moves the user's read point in a thread they follow forward (never back). `false` when
    /// they do not follow it or had already read that far.
    pub async fn mark_read(
        self,
        parent: Parent,
        root: MessageId,
        user: UserId,
        seq: u64,
    ) -> Result<bool, StoreError> {
        let result = self
            .0
            .client
            .update_item()
            .table_name(self.0.table())
            .set_key(Some(key(keys::user(user), keys::follow(parent, root))))
            .update_expression("SET lastReadReply = :seq")
            .condition_expression(
                "attribute_exists(#pk) AND (attribute_not_exists(lastReadReply) OR lastReadReply < :seq)",
            )
            .expression_attribute_names("#pk", PK)
            .expression_attribute_values(":seq", AttributeValue::N(seq.to_string()))
            .send()
            .await;
        Ok(unless_condition_failed("UpdateItem", result)?.is_some())
    }

    pub async fn is_following(
        self,
        parent: Parent,
        root: MessageId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let row = self
            .0
            .get_item(key(keys::user(user), keys::follow(parent, root)))
            .await?;
        Ok(row
            .map(parse::<Follow>)
            .transpose()?
            .is_some_and(|f| f.following))
    }

    /// Everyone following the thread (all pages).
    pub async fn followers(
        self,
        parent: Parent,
        root: MessageId,
    ) -> Result<Vec<UserId>, StoreError> {
        let query = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_values(":pk", s(keys::thread_followers(parent, root)));
        let rows = paging::all(query).await?;
        Ok(rows
            .iter()
            .filter_map(|r| keys::parse_user(get_s(r, GSI1SK)?))
            .collect())
    }

    /// The threads `user` follows, with their roots, newest reply first.
    pub async fn followed(self, user: UserId) -> Result<Vec<(Follow, Message)>, StoreError> {
        let query = self.0.prefix_query(keys::user(user), keys::FOLLOW_PREFIX);
        let follows: Vec<Follow> = paging::all(query)
            .await?
            .into_iter()
            .map(parse::<Follow>)
            .filter(|f| f.as_ref().map_or(true, |f| f.following))
            .collect::<Result<_, _>>()?;
        let roots = self
            .0
            .batch_get(
                follows
                    .iter()
                    .filter_map(|f| {
                        let parent = Parent::from_parts(f.parent_type, &f.parent_id)?;
                        Some(key(keys::parent(parent), keys::message(f.thread_root_id)))
                    })
                    .collect(),
            )
            .await?;
        let mut roots: Vec<Message> = roots.into_iter().map(parse).collect::<Result<_, _>>()?;
        let mut pairs: Vec<(Follow, Message)> = follows
            .into_iter()
            .filter_map(|f| {
                let at = roots.iter().position(|r| r.id == f.thread_root_id)?;
                Some((f, roots.swap_remove(at)))
            })
            .collect();
        pairs.sort_by(|a, b| {
            let last = |m: &Message| m.last_reply_at.unwrap_or(m.created_at);
            last(&b.1).cmp(&last(&a.1))
        });
        Ok(pairs)
    }
}
