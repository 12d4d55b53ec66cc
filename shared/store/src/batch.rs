//! Batch reads and writes: BatchGetItem (100 keys a call) and BatchWriteItem (25 requests a
//! call), retrying what DynamoDB leaves unprocessed with a backoff, and failing as
//! `Unavailable` when it keeps leaving some (the table is throttling us).

use std::time::Duration;

use aws_sdk_dynamodb::types::{KeysAndAttributes, WriteRequest};

use crate::{Store, StoreError, items};

/// Rounds of unprocessed keys or requests tried again before giving up.
const RETRIES: u32 = 8;

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(20 * 2u64.pow(attempt))
}

impl Store {
    /// The items under `keys` that exist, in no particular order (BatchGetItem, 100 keys a
    /// call, retrying what DynamoDB leaves unprocessed).
    pub(crate) async fn batch_get(
        &self,
        keys: Vec<items::Item>,
    ) -> Result<Vec<items::Item>, StoreError> {
        // BatchGetItem refuses a request that names the same key twice.
        let mut unique: Vec<items::Item> = Vec::with_capacity(keys.len());
        for k in keys {
            if !unique.contains(&k) {
                unique.push(k);
            }
        }
        let mut found = Vec::with_capacity(unique.len());
        for chunk in unique.chunks(100) {
            let mut pending = KeysAndAttributes::builder()
                .set_keys(Some(chunk.to_vec()))
                .build()
                .map_err(|e| StoreError::Codec(e.to_string()))?;
            let mut attempt = 0u32;
            loop {
                let out = self
                    .client
                    .batch_get_item()
                    .request_items(self.table(), pending)
                    .send()
                    .await
                    .map_err(|e| StoreError::dynamo("BatchGetItem", e))?;
                found.extend(
                    out.responses
                        .unwrap_or_default()
                        .remove(self.table())
                        .unwrap_or_default(),
                );
                match out
                    .unprocessed_keys
                    .unwrap_or_default()
                    .remove(self.table())
                {
                    Some(rest) if !rest.keys.is_empty() => {
                        // Keys left unprocessed again and again mean the table is
                        // throttling us: trying later may work.
                        if attempt == RETRIES {
                            return Err(StoreError::Unavailable {
                                operation: "BatchGetItem",
                                message: format!(
                                    "{} keys still unprocessed after {attempt} retries",
                                    rest.keys.len()
                                ),
                            });
                        }
                        pending = rest;
                        tokio::time::sleep(backoff(attempt)).await;
                        attempt += 1;
                    }
                    _ => break,
                }
            }
        }
        Ok(found)
    }

    /// Writes `requests` (puts and deletes of distinct keys), 25 a call, in parallel.
    pub(crate) async fn batch_write(&self, requests: Vec<WriteRequest>) -> Result<(), StoreError> {
        let calls = requests
            .chunks(25)
            .map(|chunk| self.batch_write_call(chunk.to_vec()));
        futures::future::try_join_all(calls).await?;
        Ok(())
    }

    async fn batch_write_call(&self, mut pending: Vec<WriteRequest>) -> Result<(), StoreError> {
        let mut attempt = 0u32;
        loop {
            let out = self
                .client
                .batch_write_item()
                .request_items(self.table(), pending)
                .send()
                .await
                .map_err(|e| StoreError::dynamo("BatchWriteItem", e))?;
            match out
                .unprocessed_items
                .unwrap_or_default()
                .remove(self.table())
            {
                Some(rest) if !rest.is_empty() => {
                    if attempt == RETRIES {
                        return Err(StoreError::Unavailable {
                            operation: "BatchWriteItem",
                            message: format!(
                                "{} writes still unprocessed after {attempt} retries",
                                rest.len()
                            ),
                        });
                    }
                    pending = rest;
                    tokio::time::sleep(backoff(attempt)).await;
                    attempt += 1;
                }
                _ => return Ok(()),
            }
        }
    }
}
