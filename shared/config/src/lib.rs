//! Configuration, read once per container from the environment into a typed struct.
//! A production start with a weak secret fails here, and one without a secret its function
//! uses fails where the function asks for it (`Config::jwt`, `Config::redis_url`), with a message
//! saying what to set. In AWS the secrets themselves come from Secrets Manager (the `secrets`
//! crate reads them and hands them over as if they were variables).

use std::fmt;

use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// A secret that never shows up in logs or debug output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcConfig {
    pub issuer: Url,
    pub client_id: String,
    pub client_secret: Secret,
}

/// Where mail (invites, password resets) goes out: Amazon SES v2, from a verified sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SesConfig {
    /// The From address, an identity verified in SES (`SES_SENDER`).
    pub sender: String,
    /// `SES_REGION`, or `AWS_REGION` when unset.
    pub region: String,
    /// `SES_ENDPOINT`: a local stand-in instead of AWS.
    pub endpoint: Option<String>,
}

/// Where uploaded files live: one private S3 bucket (`UPLOADS_BUCKET`), reached straight by
/// browsers through presigned URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadsConfig {
    pub bucket: String,
    /// `S3_ENDPOINT`: a local stand-in instead of AWS, addressed path-style.
    pub endpoint: Option<String>,
}

/// The keys of access tokens (and unsubscribe links): `current` signs and verifies; `previous`
/// (during a rotation's overlap) still verifies what was signed before the rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JwtKeys {
    pub current: Secret,
    pub previous: Option<Secret>,
}

impl JwtKeys {
    /// The keys that verify, the current one first.
    pub fn verifying(&self) -> impl Iterator<Item = &[u8]> {
        std::iter::once(&self.current)
            .chain(&self.previous)
            .map(|s| s.expose().as_bytes())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub env: Environment,
    /// The public URL of the app; the OIDC redirect is `{base_url}/auth/oidc/callback`.
    pub base_url: Url,
    /// `None` when OIDC_ISSUER is unset: sign-in answers with a clear error instead.
    pub oidc: Option<OidcConfig>,
    /// `JWT_SECRET` and `JWT_PREVIOUS_SECRET`; `None` in production when unset (a function that
    /// never sees a token is not given the key).
    jwt: Option<JwtKeys>,
    pub aws_region: String,
    pub dynamodb_table: String,
    pub dynamodb_endpoint: Option<String>,
    /// `REDIS_URL`; `None` in production when unset (a function that does not use Redis).
    redis_url: Option<String>,
    /// The WebSocket URL handed to clients.
    pub ws_url: String,
    /// The `@connections` management API; `None` means derive nothing and send no events.
    pub ws_management_endpoint: Option<String>,
    /// `FANOUT_FUNCTION`: the Lambda function (name or ARN) that delivers events, invoked
    /// asynchronously so a sender does not wait for the audience. `None`: events are posted by
    /// the function that caused them, before it answers.
    pub fanout_function: Option<String>,
    /// `LAMBDA_ENDPOINT`: where the Lambda API is (the local gateway serves one); `None` in AWS.
    pub lambda_endpoint: Option<String>,
    /// `None` when SES_SENDER is unset: mail is written to the log instead of sent.
    pub ses: Option<SesConfig>,
    /// `EDGE_SECRET`: CloudFront sends it with every request to the API; a request without it
    /// came around CloudFront (straight to the execute-api URL) and is refused. `None`: no check
    /// (local development, where the gateway is the edge).
    pub edge_secret: Option<Secret>,
    /// `None` when UPLOADS_BUCKET is unset: file routes answer that uploads are off.
    pub uploads: Option<UploadsConfig>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration error: {variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

fn error(variable: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        message: message.into(),
    }
}

pub const JWT_SECRET_MIN_BYTES: usize = 32;
const DEV_JWT_SECRET: &str = "parley-development-secret-do-not-use-in-production";

/// A token key from `variable`: long enough, and in production not the development one.
fn jwt_key(variable: &'static str, value: String, dev: bool) -> Result<Secret, ConfigError> {
    if value.len() < JWT_SECRET_MIN_BYTES {
        return Err(error(
            variable,
            format!(
                "must be at least {JWT_SECRET_MIN_BYTES} bytes: generate one with `openssl rand -base64 48`"
            ),
        ));
    }
    if !dev && value == DEV_JWT_SECRET {
        return Err(error(
            variable,
            "is the development secret: generate a real one",
        ));
    }
    Ok(Secret(value))
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads configuration through `lookup`, so tests can pass a map.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = match lookup("ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(error(
                    "ENV",
                    format!("must be development or production, not {other:?}"),
                ));
            }
        };
        let dev = env == Environment::Development;
        let required = |name: &'static str, dev_default: &str| -> Result<String, ConfigError> {
            match lookup(name) {
                Some(v) => Ok(v),
                None if dev => Ok(dev_default.to_string()),
                None => Err(error(name, "is required in production")),
            }
        };

        let base_url_text = required("BASE_URL", "http://localhost:8080")?;
        let base_url = Url::parse(&base_url_text).map_err(|e| {
            error(
                "BASE_URL",
                format!("is not a URL ({e}): set e.g. https://chat.example.com"),
            )
        })?;
        if !dev && base_url.scheme() != "https" {
            return Err(error("BASE_URL", "must be an https:// URL in production"));
        }

        let jwt = match lookup("JWT_SECRET") {
            Some(current) => Some(JwtKeys {
                current: jwt_key("JWT_SECRET", current, dev)?,
                previous: lookup("JWT_PREVIOUS_SECRET")
                    .map(|previous| jwt_key("JWT_PREVIOUS_SECRET", previous, dev))
                    .transpose()?,
            }),
            None if dev => Some(JwtKeys {
                current: Secret(DEV_JWT_SECRET.to_string()),
                previous: None,
            }),
            None => None,
        };

        let oidc = match lookup("OIDC_ISSUER") {
            None => None,
            Some(issuer) => {
                let issuer = Url::parse(&issuer)
                    .map_err(|e| error("OIDC_ISSUER", format!("is not a URL ({e})")))?;
                let client_id = lookup("OIDC_CLIENT_ID")
                    .ok_or_else(|| error("OIDC_CLIENT_ID", "is required with OIDC_ISSUER"))?;
                let client_secret = lookup("OIDC_CLIENT_SECRET")
                    .ok_or_else(|| error("OIDC_CLIENT_SECRET", "is required with OIDC_ISSUER"))?;
                Some(OidcConfig {
                    issuer,
                    client_id,
                    client_secret: Secret(client_secret),
                })
            }
        };

        let aws_region = lookup("AWS_REGION").unwrap_or_else(|| "us-east-1".to_string());
        let ses = match lookup("SES_SENDER") {
            None => {
                for variable in ["SES_REGION", "SES_ENDPOINT"] {
                    if lookup(variable).is_some() {
                        return Err(error(
                            variable,
                            "is set but SES_SENDER is not: set SES_SENDER to the verified From address",
                        ));
                    }
                }
                None
            }
            Some(sender) => {
                let sender = sender.trim().to_string();
                if !sender.contains('@') || sender.chars().any(char::is_control) {
                    return Err(error(
                        "SES_SENDER",
                        "must be an email address verified in SES, e.g. parley@chat.example.com",
                    ));
                }
                Some(SesConfig {
                    sender,
                    region: lookup("SES_REGION").unwrap_or_else(|| aws_region.clone()),
                    endpoint: lookup("SES_ENDPOINT"),
                })
            }
        };

        let uploads = match lookup("UPLOADS_BUCKET") {
            None => {
                if lookup("S3_ENDPOINT").is_some() {
                    return Err(error(
                        "S3_ENDPOINT",
                        "is set but UPLOADS_BUCKET is not: set UPLOADS_BUCKET to the bucket's name",
                    ));
                }
                None
            }
            Some(bucket) => Some(UploadsConfig {
                bucket: bucket.trim().to_string(),
                endpoint: lookup("S3_ENDPOINT"),
            }),
        };

        let default_ws = format!(
            "ws://{}:{}/ws",
            base_url.host_str().unwrap_or("localhost"),
            base_url.port_or_known_default().unwrap_or(8080)
        );
        Ok(Self {
            env,
            oidc,
            jwt,
            aws_region,
            dynamodb_table: lookup("DYNAMODB_TABLE").unwrap_or_else(|| "parley".to_string()),
            dynamodb_endpoint: lookup("DYNAMODB_ENDPOINT"),
            redis_url: lookup("REDIS_URL")
                .or_else(|| dev.then(|| "redis://127.0.0.1:6379".to_string())),
            ws_url: required("WS_URL", &default_ws)?,
            ws_management_endpoint: lookup("WS_MANAGEMENT_ENDPOINT"),
            fanout_function: lookup("FANOUT_FUNCTION").filter(|name| !name.is_empty()),
            lambda_endpoint: lookup("LAMBDA_ENDPOINT").filter(|url| !url.is_empty()),
            ses,
            edge_secret: lookup("EDGE_SECRET")
                .filter(|value| !value.is_empty())
                .map(Secret),
            uploads,
            base_url,
        })
    }

    /// The token keys, for a function that issues or checks tokens.
    pub fn jwt(&self) -> Result<&JwtKeys, ConfigError> {
        self.jwt.as_ref().ok_or_else(|| {
            error(
                "JWT_SECRET",
                "is required by this function in production: set JWT_SECRET_ARN to the secret \
                 holding it (the stack does), or JWT_SECRET itself (generate one with \
                 `openssl rand -base64 48`)",
            )
        })
    }

    /// Where Redis is, for a function that uses it.
    pub fn redis_url(&self) -> Result<&str, ConfigError> {
        self.redis_url.as_deref().ok_or_else(|| {
            error(
                "REDIS_URL",
                "is required by this function in production: set REDIS_URL_SECRET_ARN to the \
                 secret holding it (the stack does), or REDIS_URL itself",
            )
        })
    }

    pub fn is_production(&self) -> bool {
        self.env == Environment::Production
    }

    /// `{BASE_URL}<path>`: a link to a page of the app, for mail.
    pub fn app_link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.as_str().trim_end_matches('/'))
    }

    /// `{BASE_URL}/auth/oidc/callback`, the redirect URI to register with the identity provider.
    pub fn oidc_redirect_url(&self) -> String {
        format!(
            "{}/auth/oidc/callback",
            self.base_url.as_str().trim_end_matches('/')
        )
    }
}

#[cfg(test)]
mod tests;
