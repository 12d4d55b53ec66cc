//! Everything a handler needs, built once per container (clients outside the handler).

use std::sync::Arc;
use std::time::Duration;

use auth::{AccessTokens, Oidc};
use blobs::Blobs;
use config::Config;
use realtime::Redis;
use realtime::dispatch::Dispatch;
use realtime::fanout::Fanout;
use realtime::management::Management;
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
    /// How long one search page may walk the index (production: `SEARCH_PAGE_TIME_MS`; a
    /// test sets none at all to page through one batch at a time).
    pub search_time: Duration,
    /// The uploads bucket; `None` when UPLOADS_BUCKET is unset (file routes say uploads are
    /// off) and in the functions that never touch files.
    pub blobs: Option<Blobs>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Secrets(#[from] secrets::SecretsError),
    #[error(
        "REDIS_URL is not a usable Redis URL ({0}); fix it (redis://host:port or rediss://...)"
    )]
    Redis(realtime::RedisError),
    #[error("{0}")]
    Management(String),
    #[error("OIDC settings are invalid: {0}")]
    Oidc(auth::OidcError),
}

impl AppState {
    /// Reads the environment (and the secrets it names) and connects. Fails with a message
    /// saying what to fix.
    pub async fn from_env() -> Result<Self, StartupError> {
        Self::new(secrets::config().await?).await
    }

    /// Everything the REST API needs: the clients of `for_events`, plus sign-in (OIDC), mail
    /// (SES) and, when `FANOUT_FUNCTION` names one, the fan-out function to hand delivery to.
    pub async fn new(config: Config) -> Result<Self, StartupError> {
        let keys = config.jwt()?;
        let tokens = AccessTokens::new(
            keys.current.expose().as_bytes(),
            keys.previous.as_ref().map(|p| p.expose().as_bytes()),
        );
        let mut state = Self::for_events(config).await?;
        state.tokens = tokens;
        state.oidc = match &state.config.oidc {
            Some(o) => Some(Arc::new(
                Oidc::new(
                    o.issuer.as_str(),
                    &o.client_id,
                    o.client_secret.expose(),
                    &state.config.oidc_redirect_url(),
                )
                .map_err(StartupError::Oidc)?,
            )),
            None => None,
        };
        state.mailer = Mailer::from_config(&state.config).await;
        state.blobs = match &state.config.uploads {
            Some(uploads) => Some(
                Blobs::connect(
                    &uploads.bucket,
                    &state.config.aws_region,
                    uploads.endpoint.as_deref(),
                )
                .await,
            ),
            None => None,
        };
        if let Some(function) = &state.config.fanout_function {
            let dispatch = Dispatch::new(
                &state.config.aws_region,
                function,
                state.config.lambda_endpoint.as_deref(),
            )
            .await;
            state.fanout = state.fanout.handing_over_to(Arc::new(dispatch));
        }
        Ok(state)
    }

    /// What the WebSocket and fan-out functions need: the table, Redis and fan-out posting from
    /// here (no token keys: they are not given them). No sign-in or mail (they never sign anyone in or send mail) and no
    /// hand-over (the template gives only the REST API a fan-out function), so their binaries
    /// link none of those clients and start faster.
    pub async fn for_events(config: Config) -> Result<Self, StartupError> {
        let store = Store::connect(
            &config.aws_region,
            config.dynamodb_endpoint.as_deref(),
            &config.dynamodb_table,
        )
        .await;
        let redis = Redis::connect(config.redis_url()?)
            .await
            .map_err(StartupError::Redis)?;
        let management = match &config.ws_management_endpoint {
            Some(endpoint) => Some(
                Management::new(&config.aws_region, endpoint)
                    .await
                    .map_err(StartupError::Management)?,
            ),
            None => {
                tracing::warn!(
                    "WS_MANAGEMENT_ENDPOINT is not set: realtime events will not be delivered"
                );
                None
            }
        };
        Ok(Self {
            // They check no token: the REST API's `new` puts the real keys in.
            tokens: AccessTokens::refusing_all(),
            mailer: Mailer::Log,
            rate_limits: RateLimits::default(),
            search_time: Duration::from_millis(domain::limits::SEARCH_PAGE_TIME_MS),
            fanout: Fanout::new(redis.clone(), management),
            config: Arc::new(config),
            store,
            redis,
            oidc: None,
            blobs: None,
        })
    }
}
