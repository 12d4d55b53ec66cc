//! Tests of the configuration.

use std::collections::HashMap;

use super::*;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(|k| map.get(k).cloned())
}

fn production() -> Vec<(&'static str, &'static str)> {
    vec![
        ("ENV", "production"),
        ("BASE_URL", "https://chat.example.com"),
        ("JWT_SECRET", "0123456789abcdef0123456789abcdef-long-enough"),
        ("REDIS_URL", "rediss://cache.example.com:6379"),
        ("WS_URL", "wss://ws.example.com/prod"),
    ]
}

#[test]
fn development_has_working_defaults() {
    let c = config(&[]).unwrap();
    assert_eq!(c.env, Environment::Development);
    assert_eq!(
        c.oidc_redirect_url(),
        "http://localhost:8080/auth/oidc/callback"
    );
    assert_eq!(c.ws_url, "ws://localhost:8080/ws");
    assert!(c.oidc.is_none());
}

#[test]
fn production_accepts_a_complete_environment() {
    let c = config(&production()).unwrap();
    assert!(c.is_production());
    assert_eq!(c.dynamodb_table, "parley");
}

#[test]
fn production_refuses_a_short_secret_and_asks_for_a_missing_one_where_it_is_used() {
    let mut vars = production();
    vars.retain(|(k, _)| *k != "JWT_SECRET" && *k != "REDIS_URL");
    // A function that signs nothing and uses no Redis (search-index, migrate) starts without.
    let c = config(&vars).unwrap();
    let err = c.jwt().unwrap_err();
    assert_eq!(err.variable, "JWT_SECRET");
    assert!(err.to_string().contains("JWT_SECRET_ARN"));
    assert_eq!(c.redis_url().unwrap_err().variable, "REDIS_URL");
    vars.push(("JWT_SECRET", "short"));
    let err = config(&vars).unwrap_err();
    assert_eq!(err.variable, "JWT_SECRET");
    assert!(err.to_string().contains("openssl rand"));
}

#[test]
fn the_previous_token_key_verifies_after_the_current_one() {
    let mut vars = production();
    vars.push((
        "JWT_PREVIOUS_SECRET",
        "the key before the last rotation, long enough",
    ));
    let c = config(&vars).unwrap();
    let keys: Vec<&[u8]> = c.jwt().unwrap().verifying().collect();
    assert_eq!(
        keys,
        [
            "0123456789abcdef0123456789abcdef-long-enough".as_bytes(),
            "the key before the last rotation, long enough".as_bytes()
        ]
    );
    vars.retain(|(k, _)| *k != "JWT_PREVIOUS_SECRET");
    vars.push(("JWT_PREVIOUS_SECRET", "short"));
    assert_eq!(config(&vars).unwrap_err().variable, "JWT_PREVIOUS_SECRET");
}

#[test]
fn production_refuses_plain_http() {
    let mut vars = production();
    vars.retain(|(k, _)| *k != "BASE_URL");
    vars.push(("BASE_URL", "http://chat.example.com"));
    assert_eq!(config(&vars).unwrap_err().variable, "BASE_URL");
}

#[test]
fn oidc_needs_its_client() {
    let err = config(&[("OIDC_ISSUER", "http://localhost:9000")]).unwrap_err();
    assert_eq!(err.variable, "OIDC_CLIENT_ID");
}

#[test]
fn mail_goes_to_the_log_unless_ses_is_configured() {
    assert!(config(&[]).unwrap().ses.is_none());
    let c = config(&[
        ("AWS_REGION", "eu-west-1"),
        ("SES_SENDER", "parley@example.com"),
    ])
    .unwrap();
    let ses = c.ses.unwrap();
    assert_eq!(ses.region, "eu-west-1");
    assert_eq!(ses.endpoint, None);
    let c = config(&[
        ("SES_SENDER", "parley@example.com"),
        ("SES_REGION", "us-west-2"),
        ("SES_ENDPOINT", "http://127.0.0.1:4566"),
    ])
    .unwrap();
    assert_eq!(c.ses.unwrap().region, "us-west-2");
}

#[test]
fn uploads_are_off_unless_a_bucket_is_named() {
    assert_eq!(config(&[]).unwrap().uploads, None);
    let c = config(&[
        ("UPLOADS_BUCKET", "parley-uploads"),
        ("S3_ENDPOINT", "http://127.0.0.1:4566"),
    ])
    .unwrap();
    let uploads = c.uploads.unwrap();
    assert_eq!(uploads.bucket, "parley-uploads");
    assert_eq!(uploads.endpoint.as_deref(), Some("http://127.0.0.1:4566"));
    let err = config(&[("S3_ENDPOINT", "http://127.0.0.1:4566")]).unwrap_err();
    assert_eq!(err.variable, "S3_ENDPOINT");
}

#[test]
fn ses_settings_need_a_sender() {
    let err = config(&[("SES_ENDPOINT", "http://127.0.0.1:4566")]).unwrap_err();
    assert_eq!(err.variable, "SES_ENDPOINT");
    let err = config(&[("SES_SENDER", "not an address")]).unwrap_err();
    assert_eq!(err.variable, "SES_SENDER");
}

#[test]
fn app_links_join_the_base_url() {
    let c = config(&[("BASE_URL", "https://chat.example.com/")]).unwrap();
    assert_eq!(
        c.app_link("/invite/abc"),
        "https://chat.example.com/invite/abc"
    );
}

#[test]
fn secrets_do_not_print() {
    let c = config(&[]).unwrap();
    assert!(!format!("{c:?}").contains("parley-development-secret"));
}
