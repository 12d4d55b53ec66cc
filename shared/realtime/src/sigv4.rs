//! AWS Signature Version 4 for the management API's requests, with the day's signing key kept.
//!
//! The SDK's signer (`aws-sigv4`) derives the signing key (four HMACs) and builds the canonical
//! request through several allocations on every call; with a post per recipient that was an
//! eighth of the fan-out's CPU. This one signs the same way (header requests, double-encoded
//! path, unsigned-payload checksum not sent, session token signed) for requests without a query
//! string, derives the key once per day and credentials, and builds each string once. Tests hold
//! it to `aws-sigv4` and to the SDK's own requests (`management`).

use std::sync::Mutex;
use std::time::SystemTime;

use aws_credential_types::Credentials;
use http::{HeaderMap, HeaderName, HeaderValue, Uri};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use ring::{digest, hmac};
use time::OffsetDateTime;
use time::macros::format_description;

/// What the canonical path leaves unencoded: RFC 3986 unreserved characters and `/`.
const CANONICAL_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// Headers a proxy or the client may change or add, so never signed (as `aws-sigv4`).
const UNSIGNED: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Signs requests to one service in one region.
pub struct Signer {
    region: String,
    service: &'static str,
    key: Mutex<Option<DayKey>>,
}

/// The signing key of one day for one set of credentials.
struct DayKey {
    day: String,
    access_key_id: String,
    secret: String,
    key: hmac::Key,
}

impl Signer {
    pub fn new(region: &str, service: &'static str) -> Self {
        Self {
            region: region.to_string(),
            service,
            key: Mutex::new(None),
        }
    }

    /// Adds `x-amz-date`, the session token if any and `authorization` to `headers`, signing
    /// the method, the path of `uri`, its host and every header but the few never signed.
    pub fn sign(
        &self,
        method: &str,
        uri: &Uri,
        headers: &mut HeaderMap,
        body: &[u8],
        credentials: &Credentials,
        now: SystemTime,
    ) -> Result<(), String> {
        if uri.query().is_some() {
            return Err("requests with a query string are not supported".into());
        }
        let path = uri.path();
        let path = if path.is_empty() { "/" } else { path };
        if path.contains("//") || path.split('/').any(|s| s == "." || s == "..") {
            return Err(format!("the path {path} would need normalising"));
        }
        let amz_date = OffsetDateTime::from(now)
            .format(format_description!(
                "[year][month][day]T[hour][minute][second]Z"
            ))
            .map_err(|e| format!("cannot format the date: {e}"))?;
        let day = &amz_date[..8];
        headers.insert(HeaderName::from_static("x-amz-date"), header(&amz_date)?);
        if let Some(token) = credentials.session_token() {
            headers.insert(
                HeaderName::from_static("x-amz-security-token"),
                header(token)?,
            );
        }

        let (canonical_headers, signed_headers) = canonical_headers(uri, headers)?;
        let mut canonical = String::with_capacity(256 + canonical_headers.len());
        canonical.push_str(method);
        canonical.push('\n');
        canonical.extend(utf8_percent_encode(path, CANONICAL_PATH));
        canonical.push_str("\n\n");
        canonical.push_str(&canonical_headers);
        canonical.push('\n');
        canonical.push_str(&signed_headers);
        canonical.push('\n');
        canonical.push_str(&hex(digest::digest(&digest::SHA256, body).as_ref()));

        let scope = format!("{day}/{}/{}/aws4_request", self.region, self.service);
        let to_sign = format!(
            "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
            hex(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref())
        );
        let signature =
            hex(hmac::sign(&self.key_for(day, credentials), to_sign.as_bytes()).as_ref());
        let authorization = format!(
            "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
            credentials.access_key_id()
        );
        headers.insert(http::header::AUTHORIZATION, header(&authorization)?);
        Ok(())
    }

    /// The day's key for `credentials`, derived once and kept until the day or they change.
    fn key_for(&self, day: &str, credentials: &Credentials) -> hmac::Key {
        let mut slot = self
            .key
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(kept) = slot.as_ref()
            && kept.day == day
            && kept.access_key_id == credentials.access_key_id()
            && kept.secret == credentials.secret_access_key()
        {
            return kept.key.clone();
        }
        let mac = |key: &[u8], data: &str| {
            hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data.as_bytes())
        };
        let secret = format!("AWS4{}", credentials.secret_access_key());
        let dated = mac(secret.as_bytes(), day);
        let regional = mac(dated.as_ref(), &self.region);
        let service = mac(regional.as_ref(), self.service);
        let signing = mac(service.as_ref(), "aws4_request");
        let key = hmac::Key::new(hmac::HMAC_SHA256, signing.as_ref());
        *slot = Some(DayKey {
            day: day.to_string(),
            access_key_id: credentials.access_key_id().to_string(),
            secret: credentials.secret_access_key().to_string(),
            key: key.clone(),
        });
        key
    }
}

/// The canonical headers (`name:value\n`, sorted, values trimmed with inner runs of spaces
/// folded, repeated names joined by commas) and the signed header list (`a;b;c`).
fn canonical_headers(uri: &Uri, headers: &HeaderMap) -> Result<(String, String), String> {
    let mut entries: Vec<(&str, String)> = Vec::with_capacity(headers.len() + 1);
    if !headers.contains_key(http::header::HOST) {
        entries.push(("host", host(uri)?));
    }
    for (name, value) in headers {
        if UNSIGNED.contains(&name.as_str()) {
            continue;
        }
        let value = value
            .to_str()
            .map_err(|_| format!("the {name} header is not text"))?;
        let value = fold_spaces(value);
        match entries.iter_mut().find(|(n, _)| *n == name.as_str()) {
            Some((_, joined)) => {
                joined.push(',');
                joined.push_str(&value);
            }
            None => entries.push((name.as_str(), value)),
        }
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut canonical = String::with_capacity(256);
    let mut signed = String::with_capacity(96);
    for (name, value) in &entries {
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(value);
        canonical.push('\n');
        if !signed.is_empty() {
            signed.push(';');
        }
        signed.push_str(name);
    }
    Ok((canonical, signed))
}

/// The `host` the client sends: the authority's host, with its port unless the scheme's own.
fn host(uri: &Uri) -> Result<String, String> {
    let host = uri.host().ok_or("the URL has no host")?;
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Ok(match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host.to_string(),
    })
}

/// Trims spaces at both ends and folds each inner run of spaces into one.
fn fold_spaces(value: &str) -> String {
    let mut folded = String::with_capacity(value.len());
    for (i, word) in value.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}

fn header(value: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(value).map_err(|e| format!("cannot sign: {e}"))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(DIGITS[usize::from(byte >> 4)] as char);
        text.push(DIGITS[usize::from(byte & 0xf)] as char);
    }
    text
}

#[cfg(test)]
mod tests;
