//! A gateway of the test's own (`local::spawn_in_process`, a table of its own), the people in
//! it, and their sockets.

use api::AppState;
use domain::channel::{Channel, ChannelRole, ChannelType};
use domain::revocation::Grant;
use domain::user::{Role, User};
use domain::{ChannelId, Timestamp, UserId};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::handshake::client::Request as WsRequest;

use super::frames::{Socket, drain};

pub struct TestGateway {
    pub base: String,
    pub ws: String,
    /// BASE_URL's origin, which the WebSocket wants as Origin (a page of the app).
    pub origin: String,
    pub app: AppState,
    /// What the gateway hands to the search-index handler from the table's stream.
    pub table_stream: local::TableStream,
    pub http: reqwest::Client,
}

pub fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: run the tests with `make test`"))
}

pub async fn spawn_gateway() -> TestGateway {
    spawn_gateway_with(|app| app).await
}

/// A gateway whose state `adjust` may change first (e.g. to count the calls it makes).
pub async fn spawn_gateway_with(adjust: impl FnOnce(AppState) -> AppState) -> TestGateway {
    spawn_gateway_on(&env("REDIS_URL"), &env("DYNAMODB_ENDPOINT"), adjust).await
}

/// A gateway on the Redis at `redis_url` and DynamoDB at `dynamodb` (private ones, or a proxy, a
/// fault test may kill or stall).
pub async fn spawn_gateway_on(
    redis_url: &str,
    dynamodb: &str,
    adjust: impl FnOnce(AppState) -> AppState,
) -> TestGateway {
    let settings = [
        ("ENV", "development"),
        ("DYNAMODB_ENDPOINT", dynamodb),
        ("REDIS_URL", redis_url),
    ];
    let lookup = |name: &str| {
        let found = settings.iter().find(|(n, _)| *n == name);
        found.map(|(_, value)| value.to_string()).or_else(|| {
            // Files go to the stack's S3 stand-in, as in `make dev`.
            ["UPLOADS_BUCKET", "S3_ENDPOINT"]
                .contains(&name)
                .then(|| std::env::var(name).ok())
                .flatten()
        })
    };
    let gateway = local::spawn_in_process("gw", lookup, web_dist(), adjust, |router| router)
        .await
        .unwrap();
    TestGateway {
        base: gateway.base,
        ws: gateway.ws,
        origin: gateway.origin,
        app: gateway.app,
        table_stream: gateway.table_stream,
        http: reqwest::Client::new(),
    }
}

impl TestGateway {
    /// A user who is in #general, with an access token.
    pub async fn user(&self, name: &str) -> (User, String) {
        let (user, token) = self.account(name, Role::Member).await;
        let general = self
            .app
            .store
            .channels()
            .ensure_general(user.id)
            .await
            .unwrap();
        self.app
            .store
            .channels()
            .add_member(general.id, user.id, ChannelRole::Member)
            .await
            .unwrap();
        (user, token)
    }

    /// A user who is in #general, with an access token and `N` sockets open (their devices):
    /// `let (bob, bob_token, [mut phone, mut laptop]) = gw.online("bob").await;`.
    pub async fn online<const N: usize>(&self, name: &str) -> (User, String, [Socket; N]) {
        let (user, token) = self.user(name).await;
        let mut sockets = Vec::with_capacity(N);
        for _ in 0..N {
            sockets.push(self.connect(&token).await);
        }
        let Ok(sockets) = sockets.try_into() else {
            unreachable!("{N} sockets were opened");
        };
        (user, token, sockets)
    }

    /// A system admin (in no channel), and their access token.
    pub async fn admin(&self) -> String {
        self.account("Ada", Role::Admin).await.1
    }

    /// A guest in no channel yet (an invite puts one in #general; tests that need a guest
    /// outside it add them where they want), and their access token.
    pub async fn guest(&self, name: &str) -> (User, String) {
        self.account(name, Role::Guest).await
    }

    /// An account with `role`, in no channel, and its access token.
    async fn account(&self, name: &str, role: Role) -> (User, String) {
        let user = store::users::new_user(
            &format!("{name}-{}@example.com", ulid::Ulid::new()).to_lowercase(),
            name.into(),
            role,
        );
        self.app
            .store
            .users()
            .create(&user, None, false)
            .await
            .unwrap()
            .unwrap();
        let (token, _) = self
            .app
            .tokens
            .issue(&user, &Grant::issued_now(""))
            .unwrap();
        (user, token)
    }

    /// A private channel made through the store (no events), by `members[0]`, with the others
    /// as members.
    pub async fn channel(&self, name: &str, members: &[UserId]) -> Channel {
        let channel = Channel {
            id: ChannelId::new(),
            name: name.into(),
            slug: format!("{name}-{}", ulid::Ulid::new().to_string().to_lowercase()),
            description: String::new(),
            kind: ChannelType::Private,
            created_by: members[0],
            archived: false,
            created_at: Timestamp::now(),
            last_seq: 0,
            last_message_at: None,
        };
        assert!(
            self.app
                .store
                .channels()
                .create(&channel, members[0])
                .await
                .unwrap()
        );
        for member in &members[1..] {
            self.app
                .store
                .channels()
                .add_member(channel.id, *member, ChannelRole::Member)
                .await
                .unwrap();
        }
        channel
    }

    /// The number of connections Redis records for `user`.
    pub async fn connections(&self, user: UserId) -> usize {
        self.app
            .redis
            .connections_of(&[user])
            .await
            .unwrap()
            .values()
            .map(Vec::len)
            .sum()
    }

    pub async fn ticket(&self, token: &str) -> String {
        let (_, answer) = self
            .post(token, "/api/v1/ws/ticket", serde_json::Value::Null)
            .await;
        let ticket = answer["ticket"].as_str();
        ticket
            .unwrap_or_else(|| panic!("no ticket in {answer}"))
            .to_string()
    }

    /// A socket the gateway has taken in. The upgrade answers before the gateway's connection
    /// task starts, and a fan-out in between would find the connection gone (410) and forget
    /// it; the gateway answers frames only from that task, so once a ping is answered the
    /// socket is fully open.
    pub async fn connect(&self, token: &str) -> Socket {
        let ticket = self.ticket(token).await;
        let (mut socket, _) = connect_async(self.ws_request(&ticket, Some(&self.origin)))
            .await
            .unwrap();
        let early = drain(&mut socket).await;
        assert!(early.is_empty(), "a new socket got {early:?}");
        socket
    }

    /// The handshake a page at `origin` sends to open the WebSocket with `ticket`.
    pub fn ws_request(&self, ticket: &str, origin: Option<&str>) -> WsRequest {
        let mut request = format!("{}?ticket={ticket}", self.ws)
            .into_client_request()
            .unwrap();
        if let Some(origin) = origin {
            request
                .headers_mut()
                .insert("origin", origin.parse().unwrap());
        }
        request
    }
}

/// The HTTP status with which the gateway refused a WebSocket handshake.
pub fn refusal(err: tokio_tungstenite::tungstenite::Error) -> u16 {
    match err {
        tokio_tungstenite::tungstenite::Error::Http(response) => response.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

/// The AWS SDK's own client of the management API, pointed at the gateway: what it accepts,
/// API Gateway's other clients can use too.
pub async fn sdk_management(base: &str) -> aws_sdk_apigatewaymanagement::Client {
    let sdk = aws::sdk_config(
        "us-east-1",
        domain::limits::MANAGEMENT_API_TIMEOUTS,
        Some(base),
    )
    .await;
    aws_sdk_apigatewaymanagement::Client::new(&sdk)
}

/// A stand-in for the built web app: an index.html the gateway serves for the app's routes.
fn web_dist() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("parley-gateway-tests-web");
    std::fs::create_dir_all(&dir).unwrap();
    let index = dir.join("index.html");
    // Tests start gateways in parallel: write only when missing or different.
    if std::fs::read_to_string(&index).ok().as_deref() != Some(WEB_INDEX) {
        std::fs::write(&index, WEB_INDEX).unwrap();
    }
    dir
}

const WEB_INDEX: &str = "<!doctype html><title>Parley</title><div id=\"root\"></div>";
