//! Rate limits on the routes an attacker would hammer: sign-in, invites, password reset,
//! WebSocket tickets and sending messages. Counted in Redis (`realtime::ratelimit`), so a limit holds across every
//! Lambda container; the numbers are in `domain::limits`, carried in `AppState` so a test can
//! make them small.
//!
//! When Redis cannot be reached the request goes ahead (fail open) with a logged warning: an
//! outage must not lock everyone out of signing in, and the routes limited here have their own
//! defences (argon2's cost, single-use 256-bit link tokens, tickets that need a valid token).

use std::convert::Infallible;
use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use domain::limits::{self, RateLimit};
use lambda_http::request::RequestContext;
use realtime::ratelimit::Verdict;

use crate::{ApiError, AppState};

/// Declares every limited action once: its name, its field in `RateLimits` (which a test may
/// change), its production numbers (in `domain::limits`), its Redis bucket (each counts apart
/// from the others) and what a refusal says there were too many of.
macro_rules! rate_limits {
    ($( $variant:ident, $field:ident, $numbers:ident, $bucket:literal, $what:literal; )*) => {
        /// The limits in force; `Default` is the production numbers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct RateLimits {
            $(pub $field: RateLimit,)*
        }

        impl Default for RateLimits {
            fn default() -> Self {
                Self { $($field: limits::$numbers,)* }
            }
        }

        impl RateLimits {
            /// Limits nothing can reach: for tests of something else that call a limited route
            /// often with the same address (the counters outlive the test in the shared Redis).
            pub fn unlimited() -> Self {
                let never = RateLimit {
                    max: u32::MAX,
                    window_seconds: 1,
                };
                Self { $($field: never,)* }
            }
        }

        /// One limited action, by what it is counted per.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Limit {
            $($variant,)*
        }

        impl Limit {
            fn bucket(self) -> &'static str {
                match self {
                    $(Self::$variant => $bucket,)*
                }
            }

            fn of(self, limits: &RateLimits) -> RateLimit {
                match self {
                    $(Self::$variant => limits.$field,)*
                }
            }

            fn what(self) -> &'static str {
                match self {
                    $(Self::$variant => $what,)*
                }
            }
        }
    };
}

rate_limits! {
    OidcLoginPerIp, oidc_login_per_ip, RATE_OIDC_LOGIN_PER_IP,
        "oidc-login:ip", "sign-in attempts from your network";
    PasswordLoginPerIp, password_login_per_ip, RATE_PASSWORD_LOGIN_PER_IP,
        "login:ip", "sign-in attempts from your network";
    PasswordLoginPerEmail, password_login_per_email, RATE_PASSWORD_LOGIN_PER_EMAIL,
        "login:email", "sign-in attempts for this account";
    InvitePerIp, invite_per_ip, RATE_INVITE_PER_IP,
        "invite:ip", "invite link attempts from your network";
    PasswordForgotPerIp, password_forgot_per_ip, RATE_PASSWORD_FORGOT_PER_IP,
        "forgot:ip", "password reset attempts from your network";
    PasswordForgotPerEmail, password_forgot_per_email, RATE_PASSWORD_FORGOT_PER_EMAIL,
        "forgot:email", "password reset requests for this address";
    PasswordResetPerIp, password_reset_per_ip, RATE_PASSWORD_RESET_PER_IP,
        "reset:ip", "password reset attempts from your network";
    WsTicketPerUser, ws_ticket_per_user, RATE_WS_TICKET_PER_USER,
        "ws-ticket:user", "reconnections";
    InvitePerInviter, invite_per_inviter, RATE_INVITE_PER_INVITER,
        "invite:inviter", "invites sent";
    InvitePerAddress, invite_per_address, RATE_INVITE_PER_ADDRESS,
        "invite:email", "invites to this address";
    MessageSendPerUser, message_send_per_user, RATE_MESSAGE_SEND_PER_USER,
        "send:user", "messages sent";
    UploadPerUser, upload_per_user, RATE_UPLOAD_PER_USER,
        "upload:user", "uploads";
}

/// "3 minutes", "40 seconds": when to try again, as a person reads it.
fn wait_text(seconds: u64) -> String {
    match seconds {
        1 => "a second".to_string(),
        s if s < 90 => format!("{s} seconds"),
        s => format!("{} minutes", s.div_ceil(60)),
    }
}

/// Counts an attempt by `subject` (an address, a user id); 429 `rate_limited` with
/// `Retry-After` when over the limit.
pub async fn check(state: &AppState, limit: Limit, subject: &str) -> Result<(), ApiError> {
    let rate = limit.of(&state.rate_limits);
    match state
        .redis
        .hit_rate_limit(limit.bucket(), subject, rate)
        .await
    {
        Ok(Verdict::Allowed) => Ok(()),
        Ok(Verdict::Limited {
            retry_after_seconds,
        }) => {
            tracing::warn!(bucket = limit.bucket(), "rate limit reached");
            Err(ApiError::rate_limited(
                format!(
                    "Too many {}. Try again in {}.",
                    limit.what(),
                    wait_text(retry_after_seconds)
                ),
                retry_after_seconds,
            ))
        }
        Err(e) => {
            tracing::warn!(error = %e, bucket = limit.bucket(), "rate limit not checked: Redis failed; letting the request through");
            Ok(())
        }
    }
}

/// `check` by the client's IP address. Without one (the router called in-process, outside
/// Lambda and the local gateway) there is nothing to count by. In development the loopback
/// address is not limited: every local browser test signs in from 127.0.0.1.
pub async fn check_ip(state: &AppState, limit: Limit, ip: &ClientIp) -> Result<(), ApiError> {
    match ip.0 {
        Some(ip) if state.config.is_production() || !ip.is_loopback() => {
            check(state, limit, &ip.to_string()).await
        }
        _ => Ok(()),
    }
}

/// Proxies in production that append to `X-Forwarded-For` before API Gateway: CloudFront.
const PRODUCTION_PROXY_HOPS: usize = 1;

/// The client's IP address, as far as it can be trusted.
///
/// API Gateway's `sourceIp` is the TCP peer. In production that peer is a CloudFront edge
/// (template.yaml puts the distribution in front of the HTTP API), and CloudFront *appends* the
/// viewer's address to `X-Forwarded-For`. Everything left of that entry came from the client
/// and can be anything, so the address used is the one CloudFront added: one hop left of the
/// peer, never the first entry. Locally the gateway is the edge, so it is the peer itself.
/// (A caller on the execute-api URL could write that entry themselves: such requests lack
/// CloudFront's edge secret and are refused first, `security::from_edge`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let source_ip = match parts.extensions.get::<RequestContext>() {
            Some(RequestContext::ApiGatewayV2(context)) => context.http.source_ip.clone(),
            _ => None,
        };
        let hops = if state.config.is_production() {
            PRODUCTION_PROXY_HOPS
        } else {
            0
        };
        Ok(Self(client_ip(source_ip.as_deref(), &parts.headers, hops)))
    }
}

/// The address `trusted_hops` proxies left of the peer in the chain `X-Forwarded-For, peer`
/// (the peer once, whether or not the gateway appended it already). Shorter chains give their
/// first entry: a request with no proxy in between comes from its peer.
fn client_ip(source_ip: Option<&str>, headers: &HeaderMap, trusted_hops: usize) -> Option<IpAddr> {
    let peer: IpAddr = source_ip?.trim().parse().ok()?;
    let mut chain: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .collect();
    let peer_text = peer.to_string();
    if chain.last().and_then(|last| last.parse::<IpAddr>().ok()) != Some(peer) {
        chain.push(&peer_text);
    }
    let index = chain.len().saturating_sub(1 + trusted_hops);
    Some(chain[index].parse().unwrap_or(peer))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn headers(forwarded: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in forwarded {
            map.append("x-forwarded-for", value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn locally_the_peer_is_the_client_whatever_the_header_says() {
        assert_eq!(
            client_ip(Some("10.0.0.7"), &headers(&["1.2.3.4"]), 0),
            ip("10.0.0.7")
        );
        assert_eq!(
            client_ip(Some("10.0.0.7"), &headers(&[]), 0),
            ip("10.0.0.7")
        );
    }

    #[test]
    fn behind_cloudfront_the_entry_cloudfront_added_counts_never_the_first() {
        // The client sent "6.6.6.6"; CloudFront appended the viewer 198.51.100.9; the peer is
        // the edge 130.176.0.1, appended by API Gateway or not.
        let forged = headers(&["6.6.6.6, 198.51.100.9"]);
        assert_eq!(
            client_ip(Some("130.176.0.1"), &forged, 1),
            ip("198.51.100.9")
        );
        let appended = headers(&["6.6.6.6, 198.51.100.9, 130.176.0.1"]);
        assert_eq!(
            client_ip(Some("130.176.0.1"), &appended, 1),
            ip("198.51.100.9")
        );
        let split = headers(&["6.6.6.6", "198.51.100.9"]);
        assert_eq!(
            client_ip(Some("130.176.0.1"), &split, 1),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn without_a_proxy_in_between_the_peer_counts() {
        assert_eq!(
            client_ip(Some("203.0.113.5"), &headers(&[]), 1),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn garbage_falls_back_to_the_peer_and_no_peer_is_no_address() {
        let junk = headers(&["not-an-ip, 203.0.113.5"]);
        assert_eq!(client_ip(Some("130.176.0.1"), &junk, 2), ip("130.176.0.1"));
        assert_eq!(client_ip(None, &headers(&["1.2.3.4"]), 0), None);
    }

    #[test]
    fn waits_read_as_a_person_says_them() {
        assert_eq!(wait_text(1), "a second");
        assert_eq!(wait_text(40), "40 seconds");
        assert_eq!(wait_text(900), "15 minutes");
        assert_eq!(wait_text(3599), "60 minutes");
    }
}
