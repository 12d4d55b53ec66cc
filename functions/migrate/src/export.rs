//! `migrate export`: every item of the table as JSON lines, in the format DynamoDB's own export
//! and import use (`{"Item": {"PK": {"S": "..."}, ...}}` per line, DynamoDB JSON), to a file or
//! to S3, with progress. A copy an operator can read, keep off AWS, or load into a new table with
//! DynamoDB's import from S3.

use std::io::Write;

use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use store::Store;
use store::migrations::Checkpoint;

use crate::progress::Progress;

/// Where the lines go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(String),
    S3 { bucket: String, key: String },
}

impl Target {
    /// `s3://bucket/key` or a file path.
    pub fn parse(text: &str) -> Result<Target, String> {
        match text.strip_prefix("s3://") {
            Some(rest) => match rest.split_once('/') {
                Some((bucket, key)) if !bucket.is_empty() && !key.is_empty() => Ok(Target::S3 {
                    bucket: bucket.into(),
                    key: key.into(),
                }),
                _ => Err(format!("{text:?} is not s3://bucket/key")),
            },
            None if !text.is_empty() => Ok(Target::File(text.into())),
            None => Err("export needs --to FILE or --to s3://bucket/key".into()),
        }
    }
}

/// S3 parts are at least 5 MB (but the last); 8 MB keeps memory small.
const PART_BYTES: usize = 8 * 1024 * 1024;

/// Where lines are written as they come.
enum Sink {
    File(std::io::BufWriter<std::fs::File>),
    S3(Upload),
}

struct Upload {
    client: aws_sdk_s3::Client,
    bucket: String,
    key: String,
    id: String,
    buffer: Vec<u8>,
    parts: Vec<CompletedPart>,
}

impl Upload {
    async fn send_part(&mut self) -> Result<(), String> {
        let number = i32::try_from(self.parts.len() + 1).map_err(|e| e.to_string())?;
        let body = std::mem::take(&mut self.buffer);
        let part = self
            .client
            .upload_part()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(&self.id)
            .part_number(number)
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|e| format!("uploading part {number} to S3: {}", domain::error_chain(&e)))?;
        self.parts.push(
            CompletedPart::builder()
                .part_number(number)
                .set_e_tag(part.e_tag)
                .build(),
        );
        Ok(())
    }
}

impl Sink {
    async fn open(target: &Target, s3: Option<aws_sdk_s3::Client>) -> Result<Sink, String> {
        match target {
            Target::File(path) => std::fs::File::create(path)
                .map(|f| Sink::File(std::io::BufWriter::new(f)))
                .map_err(|e| format!("cannot create {path}: {e}")),
            Target::S3 { bucket, key } => {
                let client = s3.ok_or("an S3 target needs an S3 client")?;
                let started = client
                    .create_multipart_upload()
                    .bucket(bucket)
                    .key(key)
                    .content_type("application/x-ndjson")
                    .send()
                    .await
                    .map_err(|e| {
                        format!(
                            "starting the upload to s3://{bucket}/{key}: {}",
                            domain::error_chain(&e)
                        )
                    })?;
                Ok(Sink::S3(Upload {
                    client,
                    bucket: bucket.clone(),
                    key: key.clone(),
                    id: started.upload_id.unwrap_or_default(),
                    buffer: Vec::with_capacity(PART_BYTES),
                    parts: Vec::new(),
                }))
            }
        }
    }

    async fn write_line(&mut self, line: &str) -> Result<(), String> {
        match self {
            Sink::File(file) => {
                writeln!(file, "{line}").map_err(|e| format!("writing the export: {e}"))
            }
            Sink::S3(upload) => {
                upload.buffer.extend_from_slice(line.as_bytes());
                upload.buffer.push(b'\n');
                if upload.buffer.len() >= PART_BYTES {
                    upload.send_part().await?;
                }
                Ok(())
            }
        }
    }

    async fn finish(self) -> Result<(), String> {
        match self {
            Sink::File(mut file) => file.flush().map_err(|e| format!("writing the export: {e}")),
            Sink::S3(mut upload) => {
                if !upload.buffer.is_empty() || upload.parts.is_empty() {
                    upload.send_part().await?;
                }
                upload
                    .client
                    .complete_multipart_upload()
                    .bucket(&upload.bucket)
                    .key(&upload.key)
                    .upload_id(&upload.id)
                    .multipart_upload(
                        CompletedMultipartUpload::builder()
                            .set_parts(Some(upload.parts))
                            .build(),
                    )
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| format!("finishing the upload: {}", domain::error_chain(&e)))
            }
        }
    }
}

/// One item as an export line.
pub fn line(item: store::Item) -> Result<String, String> {
    let item: serde_dynamo::Item = item.into();
    serde_json::to_string(&serde_json::json!({ "Item": item })).map_err(|e| e.to_string())
}

/// Writes every item of the table to `target` (`s3`: the client for an S3 target): how many.
pub async fn run(
    store: &Store,
    target: &Target,
    page_size: u32,
    s3: Option<aws_sdk_s3::Client>,
) -> Result<u64, String> {
    let migrations = store.migrations();
    let estimate = migrations.approximate_items().await.ok();
    let progress = Progress::new("export", "written", 0, estimate);
    let mut sink = Sink::open(target, s3).await?;
    let mut done = Checkpoint::default();
    loop {
        let page = migrations
            .scan_page(
                done.next.as_deref(),
                i32::try_from(page_size).unwrap_or(i32::MAX),
            )
            .await
            .map_err(|e| format!("{e}\nnothing usable was written: run the export again"))?
            .ok_or("the scan refused its own position")?;
        for item in page.rows {
            sink.write_line(&line(item)?).await?;
            done.changed += 1;
        }
        done.scanned += page.scanned as u64;
        done.next = page.next;
        progress.report(&done);
        if done.next.is_none() {
            break;
        }
    }
    sink.finish().await?;
    Ok(done.changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_files_or_s3_objects() {
        assert_eq!(
            Target::parse("backup.jsonl"),
            Ok(Target::File("backup.jsonl".into()))
        );
        assert_eq!(
            Target::parse("s3://backups/parley/2026-12-05.jsonl"),
            Ok(Target::S3 {
                bucket: "backups".into(),
                key: "parley/2026-12-05.jsonl".into()
            })
        );
        assert!(Target::parse("s3://backups").is_err());
        assert!(Target::parse("s3:///key").is_err());
        assert!(Target::parse("").is_err());
    }
}
