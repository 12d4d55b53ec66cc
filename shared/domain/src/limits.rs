//! Every limit in one place (rate limits in `limits/rates.rs`). The web app reads the same numbers from the generated types' docs.

mod rates;

pub use rates::*;

/// Characters (Unicode scalar values, what a person counts) in a message body.
pub const MESSAGE_BODY_MAX_CHARS: usize = 4096;
/// Bytes (UTF-8) in a message body: keeps every event carrying a message well under API
/// Gateway's 32 KB WebSocket frame, however many code points each character takes.
pub const MESSAGE_BODY_MAX_BYTES: usize = 16 * 1024;
/// Messages per page: the default and the most a client may ask for.
pub const MESSAGE_PAGE_DEFAULT: usize = 50;
pub const MESSAGE_PAGE_MAX: usize = 100;
/// Earlier bodies kept per message: enough to see how a message changed, while its history
/// item (one per edited message) stays far below DynamoDB's 400 KB item limit even with
/// 16 KB bodies (20 x 16 KB = 320 KB).
pub const MESSAGE_EDIT_HISTORY_MAX: usize = 20;
/// Mail about a mention or a direct message goes only to someone without a live connection
/// for this long (a short drop or a page reload is not being away), and at most once per
/// person in `AWAY_MAIL_GAP_SECONDS` (one mail says "there is more"; a busy channel does not
/// fill an inbox).
pub const AWAY_MAIL_AFTER_SECONDS: u64 = 10 * 60;
pub const AWAY_MAIL_GAP_SECONDS: u64 = 15 * 60;
/// Channel name (and slug) length, and description length.
pub const CHANNEL_NAME_MAX_CHARS: usize = 32;
pub const CHANNEL_DESCRIPTION_MAX_CHARS: usize = 255;
/// Display names.
pub const DISPLAY_NAME_MAX_CHARS: usize = 80;
/// RFC 5321 path limit.
pub const EMAIL_MAX_CHARS: usize = 254;
/// A client nonce: 1 to 64 of `[A-Za-z0-9_-]`.
pub const CLIENT_NONCE_MAX_CHARS: usize = 64;
/// Users per batch lookup.
pub const USERS_BATCH_MAX: usize = 100;
/// JSON request bodies.
pub const JSON_BODY_MAX_BYTES: usize = 64 * 1024;
/// API Gateway's WebSocket limits, fixed by AWS (none can be raised): a frame of 32 KB, a
/// message (the frames of one message together) of 128 KB, 10 minutes without a frame, and
/// 2 hours in all. The local gateway enforces the same.
pub const WS_FRAME_MAX_BYTES: usize = 32 * 1024;
pub const WS_MESSAGE_MAX_BYTES: usize = 128 * 1024;
pub const WS_IDLE_TIMEOUT_SECONDS: u64 = 10 * 60;
pub const WS_CONNECTION_MAX_SECONDS: u64 = 2 * 3600;
/// A WebSocket frame a client sends. API Gateway allows `WS_FRAME_MAX_BYTES`; we need far less.
pub const WS_INBOUND_FRAME_MAX_BYTES: usize = 4096;
/// Access tokens live minutes; refresh sessions live days.
pub const ACCESS_TOKEN_TTL_SECONDS: i64 = 15 * 60;
pub const REFRESH_TOKEN_TTL_SECONDS: i64 = 30 * 24 * 3600;
/// How long after a refresh the replaced token still gets an access token (two tabs refreshing
/// at once) instead of ending its session family as a stolen copy.
pub const REFRESH_REUSE_GRACE_SECONDS: i64 = 20;
/// A WebSocket ticket is single-use and short-lived.
pub const WS_TICKET_TTL_SECONDS: u64 = 60;

/// The OIDC login attempt (state, nonce, PKCE verifier) must complete within this.
pub const OIDC_LOGIN_TTL_SECONDS: u64 = 600;
/// Channels per directory page, and members per member-list page: default and most.
pub const DIRECTORY_PAGE_DEFAULT: usize = 50;
pub const DIRECTORY_PAGE_MAX: usize = 100;
/// People in one group conversation, the creator included. Creating one is a single
/// transaction (at most 100 items), and a group this size is already a channel in all but name.
pub const GROUP_MAX_PARTICIPANTS: usize = 32;
/// A group conversation's name, and a sidebar category's name.
pub const GROUP_NAME_MAX_CHARS: usize = 80;
pub const CATEGORY_NAME_MAX_CHARS: usize = 40;
/// Sidebar categories per user.
pub const CATEGORIES_MAX: usize = 50;
/// A user handle (`@handle`).
pub const HANDLE_MAX_CHARS: usize = 48;
/// Characters of a name search (the channel directory, the people list): names are short.
pub const DIRECTORY_SEARCH_MAX_CHARS: usize = 64;
/// Characters of a message search as typed, filters included: room for a pasted sentence and a
/// few filters, and a bound on the work one query may ask for.
pub const SEARCH_QUERY_MAX_CHARS: usize = 500;
/// Words in a message search, phrase words included: each is a look-up in the index, so this
/// bounds what one query costs; no one types more to find a message.
pub const SEARCH_QUERY_MAX_WORDS: usize = 32;
/// Search results per page: the default and the most a client may ask for.
pub const SEARCH_PAGE_DEFAULT: usize = 20;
pub const SEARCH_PAGE_MAX: usize = 50;
/// Best-match order ranks the most recent this many matches: ranking every match would read
/// every posting of a common word.
pub const SEARCH_RELEVANCE_WINDOW: usize = 200;
/// Index entries one page may examine before it answers with what it has and a cursor, so a
/// rare combination of common words costs a bounded time per page.
pub const SEARCH_EXAMINE_MAX: usize = 2000;
/// Milliseconds one page may spend walking the index before it answers with what it found
/// and a cursor: common words whose combination is rare (a phrase like "up to") would
/// otherwise keep a page reading for most of a second; the app reads on as results show.
pub const SEARCH_PAGE_TIME_MS: u64 = 200;
/// People and channels one name search returns, best first.
pub const SEARCH_NAMES_MAX: usize = 20;
/// Different emoji on one message.
pub const REACTIONS_MAX_DISTINCT: usize = 16;
/// Replies in one page of a thread, and threads in one page of the Threads view.
pub const THREAD_PAGE_MAX: usize = 100;
/// Repliers shown on a thread root.
pub const RECENT_REPLIERS: usize = 3;
/// A notification's excerpt.
pub const NOTIFICATION_EXCERPT_CHARS: usize = 140;
/// Typing events per user per conversation: at most one in this many seconds.
pub const TYPING_THROTTLE_SECONDS: u64 = 3;
/// Presence changes announced per user: at most one in this many seconds (going offline always
/// goes out at once); a change inside the window is sent when it ends.
pub const PRESENCE_THROTTLE_SECONDS: u64 = 2;
/// People one connection may watch the presence of at once (`presence.subscribe`): more than a
/// screen shows, and the list still fits in an inbound frame (`WS_INBOUND_FRAME_MAX_BYTES`).
pub const PRESENCE_WATCH_MAX: usize = 100;
/// The workspace's upload limit: its default, and the least and most an admin may set.
pub const UPLOAD_MAX_BYTES_DEFAULT: u64 = 50 * 1024 * 1024;
pub const UPLOAD_MAX_BYTES_FLOOR: u64 = 1024;
pub const UPLOAD_MAX_BYTES_CEILING: u64 = 5 * 1024 * 1024 * 1024;
/// Files on one message (the seed's limit, and what one transaction holds comfortably with the
/// message, its file rows and the uploads it uses up).
pub const ATTACHMENTS_PER_MESSAGE_MAX: usize = 10;
/// A file's name as shown and downloaded: long enough for any real name, short enough for a
/// row of the files pane.
pub const FILE_NAME_MAX_CHARS: usize = 255;
/// How long a presigned upload URL works: S3 checks it when the PUT starts, so a slow upload
/// that started in time finishes; ten minutes covers a retry after a dropped connection.
pub const UPLOAD_URL_TTL_SECONDS: u64 = 600;
/// How long an upload may wait to be attached to a message; the bucket's lifecycle rule
/// expires `pending/` objects after the same day.
pub const UPLOAD_PENDING_SECONDS: i64 = 86_400;
/// How long a download or preview URL works. Minted per request for someone who may see the
/// file now, so losing access ends access within this.
pub const DOWNLOAD_URL_TTL_SECONDS: u64 = 300;
/// Images larger than this are shared as plain files (no preview, no thumbnail): processing
/// reads the whole image into the function's memory.
pub const IMAGE_PROCESS_MAX_BYTES: u64 = 40 * 1024 * 1024;
/// Files per page of a channel's or conversation's files pane: default and most.
pub const FILE_PAGE_DEFAULT: usize = 30;
pub const FILE_PAGE_MAX: usize = 100;
/// Allowed upload types: how many, and how long each extension may be.
pub const FILE_TYPES_MAX: usize = 100;
pub const FILE_TYPE_MAX_CHARS: usize = 16;
/// The workspace's name.
pub const WORKSPACE_NAME_MAX_CHARS: usize = 80;
/// An invite link works this long, once.
pub const INVITE_TTL_SECONDS: i64 = 72 * 3600;
/// Channels one invite may name (#general comes with every invite).
pub const INVITE_CHANNELS_MAX: usize = 20;
/// A password reset link works this long, once.
pub const PASSWORD_RESET_TTL_SECONDS: i64 = 3600;
/// A password: at least this many characters, at most this many bytes (argon2 takes any
/// length; the cap keeps hashing cost bounded).
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_BYTES: usize = 1024;
/// The longest link token a client may send (ours are 43 characters).
pub const LINK_TOKEN_MAX_CHARS: usize = 128;
/// "Forgot password" answers no sooner than this after the request came in, whether or not a
/// mail went out, so its timing does not tell whether the address has an account.
pub const PASSWORD_FORGOT_ANSWER_MILLIS: u64 = 1000;
/// A custom status's text, in characters as a person counts them.
pub const STATUS_TEXT_MAX_CHARS: usize = 64;
/// How far ahead a custom status may be set to clear itself.
pub const STATUS_CLEAR_MAX_SECONDS: i64 = 30 * 24 * 3600;

/// The time Lambda gives one invocation (template.yaml, `Globals: Function: Timeout`), the same
/// as API Gateway's integration timeout. A test below reads the template, so the two cannot drift.
pub const LAMBDA_TIMEOUT_SECONDS: u64 = 29;

/// How long one REST request may run in all before it answers 503 `unavailable` itself: a
/// backstop for a request that chains many calls, each within its own limit. Well under the
/// Lambda timeout, so the client gets our answer with `Retry-After`, not API Gateway's bare
/// 503 from a function that was cut off; far above any healthy request (tens of milliseconds,
/// a second for a sign-in through the identity provider).
pub const REQUEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(20);

/// How long a call to a dependency may take: to connect, per attempt, and in all (retries
/// included), and how many attempts it gets. Every client is built from one of these, each far
/// under `REQUEST_DEADLINE`, so a dependency that is down or hung costs a request a few seconds
/// and a 503, never the whole Lambda timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallTimeouts {
    pub connect: std::time::Duration,
    pub attempt: std::time::Duration,
    pub operation: std::time::Duration,
    /// Tries in all (1: no retry). The AWS SDK counts attempts at a call; for Redis, attempts
    /// to open a connection (a command itself is never sent twice).
    pub attempts: u32,
}

const fn timeouts(
    connect_ms: u64,
    attempt_ms: u64,
    operation_ms: u64,
    attempts: u32,
) -> CallTimeouts {
    CallTimeouts {
        connect: std::time::Duration::from_millis(connect_ms),
        attempt: std::time::Duration::from_millis(attempt_ms),
        operation: std::time::Duration::from_millis(operation_ms),
        attempts,
    }
}

/// DynamoDB answers in milliseconds (a transaction in tens); two seconds an attempt is a hang,
/// and a request usually makes several calls in a row, so the whole call stops at four: room
/// for a second attempt after a timeout, or two quick retries after throttling (the SDK's
/// standard backoff).
pub const DYNAMODB_TIMEOUTS: CallTimeouts = timeouts(1_000, 2_000, 4_000, 3);
/// Redis answers in well under a millisecond; two seconds a command covers a busy server and a
/// slow network (the client's default of 0.5 s gave up under load and lost deliveries).
/// Connecting (TCP, TLS, the handshake) takes milliseconds next to the function: two tries of
/// half a second, 0.1 to 0.2 s apart, so a Redis that refuses connections is known in a
/// fraction of a second and one whose packets vanish in about one. A request makes a few Redis
/// calls in a row (revocations, a rate limit, its own), each paying this while Redis is out.
/// The Redis client has no whole-call limit: `operation` is the worst case of connecting and
/// then one command, checked by a test below.
pub const REDIS_TIMEOUTS: CallTimeouts = timeouts(500, 2_000, 3_500, 2);
/// The client's wait between two tries to connect to Redis, at most (its default 0.1 s
/// doubled by jitter), for the worst case above.
pub const REDIS_RECONNECT_PAUSE_MAX: std::time::Duration = std::time::Duration::from_millis(200);
/// PostToConnection and DeleteConnection: fan-out tries again within its own budget
/// (`realtime::fanout`), so the SDK makes one attempt.
pub const MANAGEMENT_API_TIMEOUTS: CallTimeouts = timeouts(1_000, 2_000, 2_000, 1);
/// Handing an event to the fan-out function (an asynchronous Invoke, answered once Lambda has
/// queued it): quick, in the same region; a second try, then the caller posts it itself.
pub const LAMBDA_INVOKE_TIMEOUTS: CallTimeouts = timeouts(500, 1_000, 2_000, 2);
/// SES sends one mail per invite or reset, from another region perhaps: a little more time
/// than the table, still a few seconds.
pub const SES_TIMEOUTS: CallTimeouts = timeouts(1_000, 3_000, 6_000, 3);
/// The identity provider (discovery, keys, the code exchange) is on the internet, often far
/// away: five seconds a call. A sign-in makes at most three in a row, still under
/// `REQUEST_DEADLINE`. reqwest makes one attempt; the person can sign in again.
pub const OIDC_TIMEOUTS: CallTimeouts = timeouts(2_000, 5_000, 5_000, 1);
/// Secrets Manager, read once as a container starts (a few small secrets, in the region): a
/// second attempt after a timeout, all within the cold start's few seconds.
pub const SECRETS_TIMEOUTS: CallTimeouts = timeouts(1_000, 2_000, 5_000, 3);
/// S3: presigning makes no call; a HeadObject answers in tens of milliseconds, but reading an
/// image to make its thumbnail (up to `IMAGE_PROCESS_MAX_BYTES`) or a server-side copy of a
/// large file takes seconds, so an attempt may take eight and the call fifteen, inside
/// `REQUEST_DEADLINE`.
pub const S3_TIMEOUTS: CallTimeouts = timeouts(1_000, 8_000, 15_000, 2);

/// How long `/healthz?deep=1` waits for each dependency (checked at once, not in turn): past
/// one attempt of each client, so a slow answer shows as slow and a hung one as `timeout`,
/// and within what a monitor waits for an answer.
pub const HEALTH_CHECK_LIMIT: std::time::Duration = std::time::Duration::from_secs(3);
/// What a client is told to wait before trying again when a dependency is unavailable: long
/// enough for a Redis failover or a throttled table to settle, short enough that a person
/// waiting sees Parley back soon.
pub const UNAVAILABLE_RETRY_AFTER_SECONDS: u64 = 5;

/// Lists the limits the web app checks before the server does, by name, for
/// `typescript::render_limits` (which writes `web/src/limits.ts`).
macro_rules! shared_with_the_web {
    ($($name:ident),* $(,)?) => {
        /// Each limit the web app also checks, with its name.
        pub const FOR_THE_WEB: &[(&str, u64)] = &[$((stringify!($name), $name as u64)),*];
    };
}

shared_with_the_web![
    MESSAGE_BODY_MAX_CHARS,
    MESSAGE_PAGE_DEFAULT,
    MESSAGE_PAGE_MAX,
    USERS_BATCH_MAX,
    CHANNEL_NAME_MAX_CHARS,
    CHANNEL_DESCRIPTION_MAX_CHARS,
    GROUP_NAME_MAX_CHARS,
    CATEGORY_NAME_MAX_CHARS,
    GROUP_MAX_PARTICIPANTS,
    DIRECTORY_PAGE_DEFAULT,
    DIRECTORY_SEARCH_MAX_CHARS,
    SEARCH_QUERY_MAX_CHARS,
    SEARCH_QUERY_MAX_WORDS,
    SEARCH_PAGE_DEFAULT,
    WORKSPACE_NAME_MAX_CHARS,
    UPLOAD_MAX_BYTES_FLOOR,
    UPLOAD_MAX_BYTES_CEILING,
    ATTACHMENTS_PER_MESSAGE_MAX,
    FILE_NAME_MAX_CHARS,
    DISPLAY_NAME_MAX_CHARS,
    PASSWORD_MIN_CHARS,
    PASSWORD_MAX_BYTES,
    INVITE_CHANNELS_MAX,
    REACTIONS_MAX_DISTINCT,
    PRESENCE_WATCH_MAX,
    TYPING_THROTTLE_SECONDS,
];

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// The number after `key:` on the first line at or after `from` that has it.
    fn template_number(template: &str, from: &str, key: &str) -> u64 {
        let start = template.find(from).unwrap();
        template[start..]
            .lines()
            .find_map(|line| line.trim().strip_prefix(key))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }

    #[test]
    fn the_lambda_timeout_is_the_templates() {
        let template = include_str!("../../../template.yaml");
        let function = template_number(template, "\nGlobals:", "Timeout:");
        let integration = template_number(template, "HttpApiIntegration:", "TimeoutInMillis:");
        assert_eq!(function, LAMBDA_TIMEOUT_SECONDS);
        assert_eq!(integration, LAMBDA_TIMEOUT_SECONDS * 1000);
    }

    #[test]
    fn every_call_ends_well_before_the_request_deadline_and_that_before_lambdas() {
        let lambda = Duration::from_secs(LAMBDA_TIMEOUT_SECONDS);
        // Room for the answer to be written and for a cold start's slower first calls.
        assert!(REQUEST_DEADLINE + Duration::from_secs(5) <= lambda);
        for (name, limits) in [
            ("dynamodb", DYNAMODB_TIMEOUTS),
            ("redis", REDIS_TIMEOUTS),
            ("management api", MANAGEMENT_API_TIMEOUTS),
            ("lambda invoke", LAMBDA_INVOKE_TIMEOUTS),
            ("ses", SES_TIMEOUTS),
            ("oidc", OIDC_TIMEOUTS),
            ("secrets", SECRETS_TIMEOUTS),
        ] {
            assert!(limits.connect <= limits.attempt, "{name}");
            assert!(limits.attempt <= limits.operation, "{name}");
            assert!(limits.attempts >= 1, "{name}");
            // A request makes several calls in a row: one call is a small part of its time.
            assert!(limits.operation * 3 <= REQUEST_DEADLINE, "{name}");
        }
        // A sign-in: discovery, its keys, the code exchange.
        assert!(OIDC_TIMEOUTS.operation * 3 < REQUEST_DEADLINE);
        let redis = REDIS_TIMEOUTS;
        let redis_worst = redis.connect * redis.attempts
            + REDIS_RECONNECT_PAUSE_MAX * (redis.attempts - 1)
            + redis.attempt;
        assert!(redis_worst <= redis.operation, "{redis_worst:?}");
        assert!(HEALTH_CHECK_LIMIT < REQUEST_DEADLINE);
    }
}
