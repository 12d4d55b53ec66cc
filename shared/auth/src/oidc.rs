//! The OpenID Connect relying party: authorization code flow with PKCE, state and nonce, against
//! any provider with discovery. Discovery runs on first use and is refreshed hourly, so a
//! container picks up the provider's rotated signing keys.

use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::error_chain;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

const DISCOVERY_MAX_AGE: Duration = Duration::from_secs(3600);

/// What must survive between sending someone to the provider and their return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: String,
    pub name: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("the identity provider could not be reached or described itself wrongly: {0}")]
    Discovery(String),
    #[error("the identity provider refused the sign-in: {0}")]
    Exchange(String),
    #[error("the ID token is invalid: {0}")]
    InvalidToken(String),
    #[error("the identity provider did not confirm the email address")]
    EmailNotVerified,
    #[error("the identity provider gave no email address")]
    NoEmail,
    #[error("the sign-in came back from another issuer")]
    WrongIssuer,
}

pub struct Oidc {
    issuer: String,
    client_id: String,
    client_secret: String,
    redirect_url: String,
    http: reqwest::Client,
    cached: RwLock<Option<(Instant, Arc<Client>)>>,
}

/// How long an idle connection to the identity provider is kept for the next request: the
/// discovery, code exchange and key fetch of one sign-in, not the next sign-in.
const OIDC_IDLE_REUSE: std::time::Duration = std::time::Duration::from_secs(2);

impl Oidc {
    pub fn new(
        issuer: &str,
        client_id: &str,
        client_secret: &str,
        redirect_url: &str,
    ) -> Result<Self, OidcError> {
        let limits = domain::limits::OIDC_TIMEOUTS;
        let http = reqwest::Client::builder()
            // The token endpoint must never redirect us elsewhere (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(limits.connect)
            .timeout(limits.operation)
            // Sign-ins are minutes apart: a connection idle since the last one may have been
            // closed by the provider (Node servers close after 5 s), and a request sent on it
            // fails ("connection closed before message completed"). Reuse only within a sign-in.
            .pool_idle_timeout(OIDC_IDLE_REUSE)
            .build()
            .map_err(|e| OidcError::Discovery(e.to_string()))?;
        Ok(Self {
            issuer: issuer.trim_end_matches('/').to_string(),
            client_id: client_id.to_string(),
            client_secret: client_secret.to_string(),
            redirect_url: redirect_url.to_string(),
            http,
            cached: RwLock::new(None),
        })
    }

    async fn client(&self) -> Result<Arc<Client>, OidcError> {
        if let Some((at, client)) = self.cached.read().await.as_ref()
            && at.elapsed() < DISCOVERY_MAX_AGE
        {
            return Ok(client.clone());
        }
        let issuer =
            IssuerUrl::new(self.issuer.clone()).map_err(|e| OidcError::Discovery(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Discovery(error_chain(&e)))?;
        let redirect = RedirectUrl::new(self.redirect_url.clone())
            .map_err(|e| OidcError::Discovery(e.to_string()))?;
        let client = Arc::new(
            CoreClient::from_provider_metadata(
                metadata,
                ClientId::new(self.client_id.clone()),
                Some(ClientSecret::new(self.client_secret.clone())),
            )
            .set_redirect_uri(redirect),
        );
        *self.cached.write().await = Some((Instant::now(), client.clone()));
        Ok(client)
    }

    /// The provider URL to send the browser to, and what to keep until it returns.
    pub async fn begin(&self) -> Result<(String, PendingLogin), OidcError> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let pending = PendingLogin {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        };
        Ok((url.to_string(), pending))
    }

    /// Exchanges the code and checks the ID token: signature, issuer, audience, expiry, nonce,
    /// and a verified email. `returned_issuer` is the callback's RFC 9207 `iss`, when sent.
    pub async fn finish(
        &self,
        code: &str,
        returned_issuer: Option<&str>,
        pending: &PendingLogin,
    ) -> Result<Identity, OidcError> {
        if returned_issuer.is_some_and(|iss| iss.trim_end_matches('/') != self.issuer) {
            return Err(OidcError::WrongIssuer);
        }
        let client = self.client().await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| OidcError::Exchange(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Exchange(error_chain(&e)))?;
        let id_token = response
            .id_token()
            .ok_or_else(|| OidcError::InvalidToken("no ID token in the response".into()))?;
        let claims = id_token
            .claims(
                &client.id_token_verifier(),
                &Nonce::new(pending.nonce.clone()),
            )
            .map_err(|e| OidcError::InvalidToken(e.to_string()))?;
        let email = claims.email().ok_or(OidcError::NoEmail)?.to_string();
        // The token's signature was checked above, so its payload can be read as it is.
        let domain_verified = payload_flag(&id_token.to_string(), "xms_edov");
        if !email_confirmed(claims.email_verified(), domain_verified) {
            return Err(OidcError::EmailNotVerified);
        }
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string())
            .filter(|n| !n.trim().is_empty());
        Ok(Identity {
            issuer: claims.issuer().to_string(),
            subject: claims.subject().to_string(),
            email,
            name,
        })
    }
}

/// Whether the provider vouches for the email address. `email_verified` decides when present.
/// Microsoft Entra ID never sends it for work accounts; it sends `xms_edov` (the email's domain
/// is verified by the tenant) when the app registration asks for that optional claim.
fn email_confirmed(email_verified: Option<bool>, domain_verified: Option<bool>) -> bool {
    match email_verified {
        Some(verified) => verified,
        None => domain_verified == Some(true),
    }
}

/// A boolean claim of a JWT's payload (`true`/`false`, or Entra's `1`/`0`), if present.
fn payload_flag(jwt: &str, claim: &str) -> Option<bool> {
    use base64::Engine;
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    match value.get(claim)? {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::Number(n) => Some(n.as_u64()? == 1),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;

    use super::*;

    #[test]
    fn email_verified_decides_and_entra_domain_verification_stands_in_only_when_absent() {
        assert!(email_confirmed(Some(true), None));
        assert!(!email_confirmed(Some(false), Some(true)));
        assert!(email_confirmed(None, Some(true)));
        assert!(!email_confirmed(None, Some(false)));
        assert!(!email_confirmed(None, None));
    }

    #[test]
    fn flags_are_read_from_the_payload() {
        let jwt = |payload: &str| {
            format!(
                "e30.{}.sig",
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(payload)
            )
        };
        assert_eq!(
            payload_flag(&jwt(r#"{"xms_edov":true}"#), "xms_edov"),
            Some(true)
        );
        assert_eq!(
            payload_flag(&jwt(r#"{"xms_edov":1}"#), "xms_edov"),
            Some(true)
        );
        assert_eq!(
            payload_flag(&jwt(r#"{"xms_edov":"false"}"#), "xms_edov"),
            Some(false)
        );
        assert_eq!(payload_flag(&jwt(r#"{"other":true}"#), "xms_edov"), None);
        assert_eq!(payload_flag("not a jwt", "xms_edov"), None);
    }
}
