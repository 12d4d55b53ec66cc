//! Everything a handler needs, built once per container (clients outside the handler).

use std::sync::Arc;

use auth::{AccessTokens, Oidc};
use config::Config;
use realtime::Redis;
use realtime::dispatch::Dispatch;
use realtime::fanout::{Fanout, management_client};
use store::Store;

use crate::mail::Mailer;
use crate::ratelimit::RateLimits;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub redis: Redis,
    pub fanout: Fanout,
    pub tokens: AccessTokens,
    /// `None` when OIDC is not configured: sign-in then says so.
    pub oidc: Option<Arc<Oidc>>,
    /// Invites and password resets: SES, or the log.
    pub mailer: Mailer,
    /// Production numbers unless a test sets small ones.
    pub rate_limits: RateLimits,
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(
        "REDIS_URL is not a usable Redis URL ({0}); fix it (redis://host:port or rediss://...)"
    )]
    Redis(realtime::RedisError),
    #[error("OIDC settings are invalid: {0}")]
    Oidc(auth::OidcError),
}

impl AppState {
    /// Reads the environment and connects. Fails with a message saying what to fix.
    pub async fn from_env() -> Result<Self, StartupError> {
        Self::new(Config::from_env()?).await
    }

    pub async fn new(config: Config) -> Result<Self, StartupError> {
        let store = Store::connect(
            &config.aws_region,
            config.dynamodb_endpoint.as_deref(),
            &config.dynamodb_table,
        )
        .await;
        let redis = Redis::connect(&config.redis_url)
            .await
            .map_err(StartupError::Redis)?;
        let management = match &config.ws_management_endpoint {
            Some(endpoint) => Some(management_client(&config.aws_region, endpoint).await),
            None => {
                tracing::warn!(
                    "WS_MANAGEMENT_ENDPOINT is not set: realtime events will not be delivered"
                );
                None
            }
        };
        let dispatch = match &config.fanout_function {
            Some(function) => Some(
                Dispatch::new(
                    &config.aws_region,
                    function,
                    config.lambda_endpoint.as_deref(),
                )
                .await,
            ),
            None => None,
        };
        let oidc = match &config.oidc {
            Some(o) => Some(Arc::new(
                Oidc::new(
                    o.issuer.as_str(),
                    &o.client_id,
                    o.client_secret.expose(),
                    &config.oidc_redirect_url(),
                )
                .map_err(StartupError::Oidc)?,
            )),
            None => None,
        };
        let mailer = Mailer::from_config(&config).await;
        Ok(Self {
            tokens: AccessTokens::new(config.jwt_secret.expose().as_bytes()),
            mailer,
            rate_limits: RateLimits::default(),
            fanout: Fanout::new(redis.clone(), management, dispatch),
            config: Arc::new(config),
            store,
            redis,
            oidc,
        })
    }
}
