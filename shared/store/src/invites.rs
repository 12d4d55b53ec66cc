//! Invites by email. One pending invite per address (`INVITE#<email>`), which a new invite
//! replaces, and a pointer from the link token's hash to the address (`INVITETOKEN#<hash>`);
//! the token itself is never stored. Both rows carry the TTL attribute, and reads treat an
//! expired invite as expired whether or not DynamoDB has removed it yet. Accepting deletes both
//! rows in the transaction that creates the account, so a link works once even when two
//! acceptances race.

use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem};
use domain::invites::Invite;
use domain::user::User;
use domain::{ChannelId, InviteId, Timestamp, UserId};
use serde::{Deserialize, Serialize};

use crate::items::{get_s, item, key, parse, s};
use crate::keys::{self, GSI1, GSI1PK, GSI1SK, META, PK, SK};
use crate::tx::{self, Failed};
use crate::users::{CreateConflict, account_writes};
use crate::{Store, StoreError, cursor, paging};

#[derive(Clone, Copy)]
pub struct Invites<'a>(pub(crate) &'a Store);

/// The invite row as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    id: InviteId,
    email: String,
    #[serde(rename = "channelIDs")]
    channel_ids: Vec<ChannelId>,
    #[serde(rename = "invitedBy")]
    invited_by: UserId,
    created_at: Timestamp,
    expires_at: Timestamp,
    token_hash: String,
    /// Epoch seconds: the attribute the table's TTL setting (`keys::TTL`) watches; also what the
    /// acceptance's condition compares with now.
    ttl: i64,
}

impl Row {
    fn new(invite: &Invite, token_hash: &str) -> Self {
        Self {
            id: invite.id,
            email: invite.email.clone(),
            channel_ids: invite.channel_ids.clone(),
            invited_by: invite.invited_by,
            created_at: invite.created_at,
            expires_at: invite.expires_at,
            token_hash: token_hash.to_string(),
            ttl: invite.expires_at.unix_seconds(),
        }
    }

    fn invite(self) -> Invite {
        Invite {
            id: self.id,
            email: self.email,
            channel_ids: self.channel_ids,
            invited_by: self.invited_by,
            created_at: self.created_at,
            expires_at: self.expires_at,
        }
    }
}

/// Why accepting an invite did not create the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptConflict {
    /// The invite was used, replaced, revoked or expired meanwhile.
    InviteGone,
    /// An account with this email exists.
    EmailTaken,
    /// Another account has this handle.
    HandleTaken,
}

/// One page of pending invites, newest first, and the cursor to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub invites: Vec<Invite>,
    pub next_cursor: Option<String>,
}

fn codec(e: aws_sdk_dynamodb::error::BuildError) -> StoreError {
    StoreError::Codec(e.to_string())
}

fn pointer(table: &str, token_hash: &str, email: &str, ttl: i64) -> Result<Put, StoreError> {
    let mut row = key(keys::invite_token(token_hash), META);
    row.insert("email".into(), s(email));
    row.insert(keys::TTL.into(), serde_dynamo::to_attribute_value(ttl)?);
    Put::builder()
        .table_name(table)
        .set_item(Some(row))
        .condition_expression("attribute_not_exists(#pk)")
        .expression_attribute_names("#pk", PK)
        .build()
        .map_err(codec)
}

fn delete_pointer(table: &str, token_hash: &str) -> Result<TransactWriteItem, StoreError> {
    let delete = Delete::builder()
        .table_name(table)
        .set_key(Some(key(keys::invite_token(token_hash), META)))
        .build()
        .map_err(codec)?;
    Ok(TransactWriteItem::builder().delete(delete).build())
}

impl Invites<'_> {
    /// Stores `invite`, whose link token hashes to `token_hash`, replacing any pending invite of
    /// the same address (whose link stops working). The invite is stored as given: its expiry
    /// is the caller's choice.
    pub async fn put(self, invite: &Invite, token_hash: &str) -> Result<(), StoreError> {
        let table = self.0.table();
        let row = Row::new(invite, token_hash);
        let stored = item(
            &row,
            &[
                (PK, keys::invite(&row.email)),
                (SK, META.to_string()),
                (GSI1PK, keys::INVITES.to_string()),
                (GSI1SK, row.id.to_string()),
            ],
        )?;
        // Two people re-inviting one address at once: each attempt replaces exactly the invite
        // it read, so the loser reads the winner's and replaces that in turn.
        for _ in 0..4 {
            let previous = self.row(&row.email).await?;
            let put = Put::builder()
                .table_name(table)
                .set_item(Some(stored.clone()));
            let put = match &previous {
                Some(previous) => put
                    .condition_expression("tokenHash = :previous")
                    .expression_attribute_values(":previous", s(&previous.token_hash)),
                None => put
                    .condition_expression("attribute_not_exists(#pk)")
                    .expression_attribute_names("#pk", PK),
            }
            .build()
            .map_err(codec)?;
            let mut writes = vec![
                TransactWriteItem::builder().put(put).build(),
                TransactWriteItem::builder()
                    .put(pointer(table, token_hash, &row.email, row.ttl)?)
                    .build(),
            ];
            if let Some(previous) = &previous {
                writes.push(delete_pointer(table, &previous.token_hash)?);
            }
            if tx::write(self.0, writes).await?.is_ok() {
                return Ok(());
            }
        }
        Err(StoreError::Conflict(
            "the invite kept changing while it was replaced",
        ))
    }

    async fn row(self, email: &str) -> Result<Option<Row>, StoreError> {
        let found = self.0.get_item(key(keys::invite(email), META)).await?;
        found.map(parse).transpose()
    }

    /// The invite whose link token hashes to `token_hash`, expired or not (the caller says
    /// which); `None` when there is none (never was, used, replaced or revoked).
    pub async fn by_token(self, token_hash: &str) -> Result<Option<Invite>, StoreError> {
        let Some(pointer) = self
            .0
            .get_item(key(keys::invite_token(token_hash), META))
            .await?
        else {
            return Ok(None);
        };
        let Some(email) = get_s(&pointer, "email") else {
            return Ok(None);
        };
        Ok(self
            .row(email)
            .await?
            .filter(|row| row.token_hash == token_hash)
            .map(Row::invite))
    }

    /// The pending invite with this id, `None` when there is none or it expired.
    pub async fn get(self, id: InviteId) -> Result<Option<Invite>, StoreError> {
        Ok(self.row_by_id(id).await?.map(Row::invite))
    }

    async fn row_by_id(self, id: InviteId) -> Result<Option<Row>, StoreError> {
        let out = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk AND #sk = :id")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_names("#sk", GSI1SK)
            .expression_attribute_values(":pk", s(keys::INVITES))
            .expression_attribute_values(":id", s(id.to_string()))
            .send()
            .await
            .map_err(|e| StoreError::dynamo("Query", e))?;
        let row: Option<Row> = out
            .items
            .unwrap_or_default()
            .into_iter()
            .next()
            .map(parse)
            .transpose()?;
        Ok(row.filter(|r| r.expires_at > Timestamp::now()))
    }

    /// Pending (unexpired) invites, newest first. `None` when the cursor is not one we gave out.
    pub async fn list(
        self,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Option<Page>, StoreError> {
        let start = match cursor {
            Some(c) => match cursor::decode_key(c, &[PK, SK, GSI1PK, GSI1SK]) {
                Some(start) if get_s(&start, GSI1PK) == Some(keys::INVITES) => Some(start),
                _ => return Ok(None),
            },
            None => None,
        };
        let query = self
            .0
            .client
            .query()
            .table_name(self.0.table())
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk")
            .filter_expression("#ttl > :now")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_names("#ttl", keys::TTL)
            .expression_attribute_values(":pk", s(keys::INVITES))
            .expression_attribute_values(
                ":now",
                serde_dynamo::to_attribute_value(Timestamp::now().unix_seconds())?,
            )
            .scan_index_forward(false);
        let (rows, next) = paging::page(query, limit, start).await?;
        Ok(Some(Page {
            invites: rows
                .into_iter()
                .map(|r| parse::<Row>(r).map(Row::invite))
                .collect::<Result<_, _>>()?,
            next_cursor: next.as_ref().map(cursor::encode_key),
        }))
    }

    /// Revokes the pending invite with this id: its link stops working. `false` when there is
    /// none (or it was accepted or replaced meanwhile).
    pub async fn revoke(self, id: InviteId) -> Result<bool, StoreError> {
        let Some(row) = self.row_by_id(id).await? else {
            return Ok(false);
        };
        let table = self.0.table();
        let delete = Delete::builder()
            .table_name(table)
            .set_key(Some(key(keys::invite(&row.email), META)))
            .condition_expression("id = :id")
            .expression_attribute_values(":id", s(id.to_string()))
            .build()
            .map_err(codec)?;
        let writes = vec![
            TransactWriteItem::builder().delete(delete).build(),
            delete_pointer(table, &row.token_hash)?,
        ];
        Ok(tx::write(self.0, writes).await?.is_ok())
    }

    /// Uses the invite: in one transaction, deletes it (only while it is still this token's and
    /// unexpired) and creates `user` with `password_hash` (a PHC string) as their credential.
    pub async fn accept(
        self,
        invite: &Invite,
        token_hash: &str,
        user: &User,
        password_hash: &str,
    ) -> Result<Result<(), AcceptConflict>, StoreError> {
        let table = self.0.table();
        let consume = Delete::builder()
            .table_name(table)
            .set_key(Some(key(keys::invite(&invite.email), META)))
            .condition_expression("tokenHash = :hash AND #ttl > :now")
            .expression_attribute_names("#ttl", keys::TTL)
            .expression_attribute_values(":hash", s(token_hash))
            .expression_attribute_values(
                ":now",
                serde_dynamo::to_attribute_value(Timestamp::now().unix_seconds())?,
            )
            .build()
            .map_err(codec)?;
        let pointer = Delete::builder()
            .table_name(table)
            .set_key(Some(key(keys::invite_token(token_hash), META)))
            .condition_expression("attribute_exists(#pk)")
            .expression_attribute_names("#pk", PK)
            .build()
            .map_err(codec)?;
        let mut writes = vec![
            TransactWriteItem::builder().delete(consume).build(),
            TransactWriteItem::builder().delete(pointer).build(),
        ];
        let (account, conflicts) = account_writes(table, user)?;
        writes.extend(account);
        writes.push(tx::put_new(
            table,
            crate::credentials::credential_row(user.id, password_hash)?,
        )?);
        match tx::write(self.0, writes).await? {
            Ok(()) => Ok(Ok(())),
            Err(Failed(0 | 1)) => Ok(Err(AcceptConflict::InviteGone)),
            Err(Failed(index)) => match conflicts.get(index - 2).copied().flatten() {
                Some(CreateConflict::EmailTaken) => Ok(Err(AcceptConflict::EmailTaken)),
                Some(CreateConflict::HandleTaken) => Ok(Err(AcceptConflict::HandleTaken)),
                _ => Err(StoreError::Conflict("user id or credential already exists")),
            },
        }
    }
}
