//! Secrets kept out of the functions' environment. In AWS a function is given the ARN of each
//! secret it uses (`JWT_SECRET_ARN`, `OIDC_CLIENT_SECRET_ARN`, `REDIS_URL_SECRET_ARN`), never
//! the value: it reads the values from Secrets Manager once, when its container starts, and
//! keeps them for the container's life. A rotation (`scripts/rotate_secret.py`) stores the new
//! value and then has Lambda replace the containers, which read it as they start.
//!
//! Locally (`make dev`, `make test`) the values are plain variables, as before: a variable set
//! to the value is used when no ARN is given.

use std::collections::HashMap;

use aws_sdk_secretsmanager::Client;
use config::{Config, ConfigError};
use serde::Deserialize;

/// Each secret's variable, and the variable that names its secret instead.
const SECRETS: [(&str, &str); 3] = [
    ("JWT_SECRET", "JWT_SECRET_ARN"),
    ("OIDC_CLIENT_SECRET", "OIDC_CLIENT_SECRET_ARN"),
    ("REDIS_URL", "REDIS_URL_SECRET_ARN"),
];

#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(
        "{variable}: the secret {arn} could not be read ({message}); check that it exists and \
         that the function's role may read it (secretsmanager:GetSecretValue)"
    )]
    Read {
        variable: &'static str,
        arn: String,
        message: String,
    },
    #[error("{variable}: the secret {arn} holds no text: store the value as its SecretString")]
    Empty { variable: &'static str, arn: String },
}

/// The configuration: the environment, with each secret named by ARN read from Secrets Manager.
pub async fn config() -> Result<Config, SecretsError> {
    config_from(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty())).await
}

/// Like [`config`], through `lookup` instead of the process environment.
pub async fn config_from(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, SecretsError> {
    let values = read(&lookup).await?;
    Ok(Config::from_lookup(|name| {
        values.get(name).cloned().or_else(|| lookup(name))
    })?)
}

/// The values of the secrets `lookup` names by ARN, as variables. No ARN: no call at all.
async fn read(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<HashMap<&'static str, String>, SecretsError> {
    let wanted: Vec<(&'static str, String)> = SECRETS
        .iter()
        .filter_map(|(variable, arn)| lookup(arn).map(|arn| (*variable, arn)))
        .collect();
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let region = lookup("AWS_REGION").unwrap_or_else(|| "us-east-1".to_string());
    let endpoint = lookup("SECRETS_ENDPOINT");
    let sdk = aws::sdk_config(
        &region,
        domain::limits::SECRETS_TIMEOUTS,
        endpoint.as_deref(),
    )
    .await;
    let client = Client::new(&sdk);
    let answers = futures::future::join_all(
        wanted
            .iter()
            .map(|(_, arn)| client.get_secret_value().secret_id(arn).send()),
    )
    .await;
    let mut values = HashMap::new();
    for ((variable, arn), answer) in wanted.into_iter().zip(answers) {
        let answer = answer.map_err(|e| SecretsError::Read {
            variable,
            arn: arn.clone(),
            message: domain::error_chain(&e),
        })?;
        let Some(text) = answer.secret_string else {
            return Err(SecretsError::Empty { variable, arn });
        };
        values.extend(unpack(variable, text));
    }
    Ok(values)
}

/// The token key's secret, as the stack makes it: the key that signs, and the one before the
/// last rotation, which still verifies for a while.
#[derive(Deserialize)]
struct TokenKeys {
    current: String,
    #[serde(default)]
    previous: String,
}

/// A secret's text as variables. The token key's is JSON (`{"current": …, "previous": …}`)
/// when the stack made it; any other secret, or a token key stored as plain text, is its text.
fn unpack(variable: &'static str, text: String) -> Vec<(&'static str, String)> {
    if variable == "JWT_SECRET"
        && let Ok(keys) = serde_json::from_str::<TokenKeys>(&text)
    {
        let mut values = vec![("JWT_SECRET", keys.current)];
        if !keys.previous.is_empty() {
            values.push(("JWT_PREVIOUS_SECRET", keys.previous));
        }
        return values;
    }
    vec![(variable, text)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_key_secret_holds_the_current_and_previous_keys() {
        assert_eq!(
            unpack("JWT_SECRET", r#"{"current":"new","previous":"old"}"#.into()),
            [
                ("JWT_SECRET", "new".into()),
                ("JWT_PREVIOUS_SECRET", "old".into())
            ]
        );
        assert_eq!(
            unpack("JWT_SECRET", r#"{"previous":"","current":"first"}"#.into()),
            [("JWT_SECRET", "first".into())]
        );
        assert_eq!(
            unpack("JWT_SECRET", "plain text key".into()),
            [("JWT_SECRET", "plain text key".into())]
        );
        assert_eq!(
            unpack("REDIS_URL", r#"{"current":"x"}"#.into()),
            [("REDIS_URL", r#"{"current":"x"}"#.into())]
        );
    }
}
