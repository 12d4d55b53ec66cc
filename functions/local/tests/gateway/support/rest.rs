//! The gateway's REST API as a test calls it: JSON in, the status and JSON out.

use domain::ChannelId;
use domain::message::MessagePage;
use serde_json::Value;

use super::gateway::TestGateway;

impl TestGateway {
    /// A JSON call to the REST API as the holder of `token`: the status and the body parsed
    /// (`Value::Null` when there is none). A `Value::Null` body sends no body.
    pub async fn call(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Value,
    ) -> (u16, Value) {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(token);
        if !body.is_null() {
            request = request.json(&body);
        }
        let answer = request.send().await.unwrap();
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap();
        if text.is_empty() {
            return (status, Value::Null);
        }
        let body = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!("{method} {path} answered {status} with non-JSON ({e}): {text}")
        });
        (status, body)
    }

    pub async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, token, path, Value::Null)
            .await
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, token, path, body).await
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PUT, token, path, body).await
    }

    pub async fn patch(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PATCH, token, path, body).await
    }

    pub async fn delete(&self, token: &str, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::DELETE, token, path, Value::Null)
            .await
    }

    /// `GET {path}` with no token, answered as it is.
    pub async fn get_anonymously(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    /// `POST /api/v1/ws/ticket` as the holder of `token`, answered as it is.
    pub async fn ticket_request(&self, token: &str) -> reqwest::Response {
        self.http
            .post(format!("{}/api/v1/ws/ticket", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// `GET .../messages?{query}` as the holder of `token`.
    pub async fn history(&self, token: &str, channel: ChannelId, query: &str) -> reqwest::Response {
        self.http
            .get(format!(
                "{}/api/v1/channels/{channel}/messages?{query}",
                self.base
            ))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn page(&self, token: &str, channel: ChannelId, query: &str) -> MessagePage {
        let answer = self.history(token, channel, query).await;
        assert_eq!(answer.status(), 200);
        answer.json().await.unwrap()
    }

    pub async fn send(&self, token: &str, channel: ChannelId, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}/api/v1/channels/{channel}/messages", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

/// Asserts a refusal: the status and the error code.
pub fn assert_refused((status, body): (u16, Value), expected: u16, code: &str) {
    assert_eq!(status, expected, "{body}");
    assert_eq!(body["error"]["code"], code, "{body}");
}
