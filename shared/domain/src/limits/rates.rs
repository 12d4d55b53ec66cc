//! Rate limits: how many attempts of each kind Redis lets through per window.

/// A fixed-window rate limit: at most `max` attempts per `window_seconds`, counted in Redis so
/// it holds across Lambda containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: u32,
    pub window_seconds: u64,
}

/// Starting an SSO sign-in, per client IP (each start stores a pending login in Redis).
pub const RATE_OIDC_LOGIN_PER_IP: RateLimit = RateLimit {
    max: 30,
    window_seconds: 300,
};
/// Password sign-in attempts, per client IP and per address (someone spraying one account from
/// many IPs trips the second; unknown addresses count too, so the limit tells nothing).
pub const RATE_PASSWORD_LOGIN_PER_IP: RateLimit = RateLimit {
    max: 20,
    window_seconds: 300,
};
pub const RATE_PASSWORD_LOGIN_PER_EMAIL: RateLimit = RateLimit {
    max: 10,
    window_seconds: 900,
};
/// Invite previews and acceptances together, per client IP.
pub const RATE_INVITE_PER_IP: RateLimit = RateLimit {
    max: 20,
    window_seconds: 300,
};
/// "Forgot password" per client IP and per address (known or not), and resets per client IP.
pub const RATE_PASSWORD_FORGOT_PER_IP: RateLimit = RateLimit {
    max: 10,
    window_seconds: 3600,
};
pub const RATE_PASSWORD_FORGOT_PER_EMAIL: RateLimit = RateLimit {
    max: 3,
    window_seconds: 3600,
};
pub const RATE_PASSWORD_RESET_PER_IP: RateLimit = RateLimit {
    max: 10,
    window_seconds: 300,
};
/// WebSocket tickets per user: reconnects back off, and a few tabs stay well under this.
pub const RATE_WS_TICKET_PER_USER: RateLimit = RateLimit {
    max: 30,
    window_seconds: 60,
};
/// Invites sent per inviter. Guests come by invite one or a few at a time (teams arrive
/// through SSO), so 50 an hour never holds anyone back, and caps the mail a member's account
/// could send to strangers.
pub const RATE_INVITE_PER_INVITER: RateLimit = RateLimit {
    max: 50,
    window_seconds: 3600,
};
/// Invites sent per invited address, by anyone: an invite and a resend or two, never a mailbox
/// flooded by repeated invites (as "forgot password" per address).
pub const RATE_INVITE_PER_ADDRESS: RateLimit = RateLimit {
    max: 3,
    window_seconds: 3600,
};
/// Messages (thread replies included) sent per person. The fastest typist sends a few a
/// minute; pasting lines one by one or a script's burst of 10 in a few seconds is far under
/// this, and the fixed window is itself the burst allowance: all 60 may come at once. A load of
/// 10 messages a second spread over 100 people is 6 a minute each. What it stops is one account
/// flooding a channel (every message fans out to every member's connections).
pub const RATE_MESSAGE_SEND_PER_USER: RateLimit = RateLimit {
    max: 60,
    window_seconds: 60,
};
/// Uploads asked for per person. Dropping a folder of screenshots asks for one each: 30 at once
/// is generous; what it stops is one account filling the bucket with presigned PUTs.
pub const RATE_UPLOAD_PER_USER: RateLimit = RateLimit {
    max: 30,
    window_seconds: 60,
};
