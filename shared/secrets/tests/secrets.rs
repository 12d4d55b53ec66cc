//! Secrets read from a real Secrets Manager API (ministack's, which `make test` starts): the
//! configuration a function gets when the stack gives it ARNs instead of values.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use aws_sdk_secretsmanager::Client;
use config::Config;
use secrets::SecretsError;

fn endpoint() -> String {
    std::env::var("SECRETS_ENDPOINT").expect(
        "SECRETS_ENDPOINT is not set: run the tests with `make test`, which starts the stand-in",
    )
}

/// A new secret holding `value`; its ARN.
async fn secret(value: &str) -> String {
    let sdk = aws::sdk_config(
        "us-east-1",
        domain::limits::SECRETS_TIMEOUTS,
        Some(&endpoint()),
    )
    .await;
    Client::new(&sdk)
        .create_secret()
        .name(format!("parley-test-{}", ulid::Ulid::new()))
        .secret_string(value)
        .send()
        .await
        .unwrap()
        .arn
        .expect("the new secret has an ARN")
}

/// A production environment of `extra` variables, with the stand-in as Secrets Manager.
async fn config(extra: &[(&str, String)]) -> Result<Config, SecretsError> {
    let mut vars: HashMap<String, String> = [
        ("ENV", "production".to_string()),
        ("BASE_URL", "https://chat.example.com".into()),
        ("WS_URL", "wss://ws.example.com/prod".into()),
        ("AWS_REGION", "us-east-1".into()),
        ("SECRETS_ENDPOINT", endpoint()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
    secrets::config_from(|name| vars.get(name).cloned()).await
}

const CURRENT: &str = "the key that signs now, 0123456789abcdef";
const PREVIOUS: &str = "the key before the rotation, 0123456789";

#[tokio::test]
async fn each_secret_named_by_arn_is_read_into_the_configuration() {
    let jwt = secret(&format!(
        r#"{{"current":"{CURRENT}","previous":"{PREVIOUS}"}}"#
    ))
    .await;
    let redis = secret("rediss://parley:pass@cache.example.com:6379").await;
    let oidc = secret("the client secret").await;
    let c = config(&[
        ("JWT_SECRET_ARN", jwt),
        ("REDIS_URL_SECRET_ARN", redis),
        ("OIDC_ISSUER", "https://login.example.com".into()),
        ("OIDC_CLIENT_ID", "parley".into()),
        ("OIDC_CLIENT_SECRET_ARN", oidc),
    ])
    .await
    .unwrap();
    let keys: Vec<&[u8]> = c.jwt().unwrap().verifying().collect();
    assert_eq!(keys, [CURRENT.as_bytes(), PREVIOUS.as_bytes()]);
    assert_eq!(
        c.redis_url().unwrap(),
        "rediss://parley:pass@cache.example.com:6379"
    );
    assert_eq!(c.oidc.unwrap().client_secret.expose(), "the client secret");
}

#[tokio::test]
async fn a_function_is_given_only_its_own_secrets() {
    // ws-message: Redis only. It starts; asking it for the token key says what to set.
    let redis = secret("rediss://cache.example.com:6379").await;
    let c = config(&[("REDIS_URL_SECRET_ARN", redis)]).await.unwrap();
    assert!(c.redis_url().is_ok());
    assert!(c.jwt().unwrap_err().to_string().contains("JWT_SECRET_ARN"));
}

#[tokio::test]
async fn a_secret_that_cannot_be_read_says_which_and_what_to_check() {
    let missing = "arn:aws:secretsmanager:us-east-1:000000000000:secret:parley-gone-AbCdEf";
    let err = config(&[("REDIS_URL_SECRET_ARN", missing.into())])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, SecretsError::Read { variable: "REDIS_URL", arn, .. } if arn == missing),
        "{err}"
    );
    assert!(err.to_string().contains("secretsmanager:GetSecretValue"));
}

#[tokio::test]
async fn without_arns_the_values_come_from_the_environment_and_nothing_is_called() {
    // A Secrets Manager that would refuse every connection: never asked.
    let c = secrets::config_from(|name| match name {
        "ENV" => Some("production".into()),
        "BASE_URL" => Some("https://chat.example.com".into()),
        "WS_URL" => Some("wss://ws.example.com/prod".into()),
        "JWT_SECRET" => Some(CURRENT.into()),
        "REDIS_URL" => Some("rediss://cache.example.com:6379".into()),
        "SECRETS_ENDPOINT" => Some("http://127.0.0.1:9".into()),
        _ => None,
    })
    .await
    .unwrap();
    assert_eq!(
        c.jwt().unwrap().verifying().collect::<Vec<_>>(),
        [CURRENT.as_bytes()]
    );
}
