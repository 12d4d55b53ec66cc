//! What a fault test breaks: a Redis of its own (killed, restarted, frozen, made slow) and a
//! proxy that stalls DynamoDB, so the shared ones other tests use are never disturbed.

use std::process::{Child, Command, Stdio};

use tokio::net::TcpStream;
use tokio::time::Duration;

use super::frames::WAIT;
use super::gateway::{TestGateway, env, spawn_gateway_on};
use super::wait::eventually;

/// A redis-server of this test alone (the shared one must not be disturbed), on a port of its
/// own, stopped when dropped.
pub struct PrivateRedis {
    port: u16,
    child: Child,
}

impl PrivateRedis {
    pub async fn start() -> Self {
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let mut redis = Self {
            port,
            child: Self::spawn(port),
        };
        redis.wait_ready().await;
        redis
    }

    fn spawn(port: u16) -> Child {
        Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed (make test installs it)")
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    async fn wait_ready(&mut self) {
        eventually(WAIT, Duration::from_millis(50), async || {
            if let Ok(client) = redis::Client::open(self.url())
                && let Ok(mut conn) = client.get_multiplexed_async_connection().await
                && redis::cmd("PING")
                    .query_async::<String>(&mut conn)
                    .await
                    .is_ok()
            {
                return Ok(());
            }
            Err(format!(
                "the private redis-server on {} never answered",
                self.port
            ))
        })
        .await;
    }

    /// Killed outright: everything it held is gone, as in a crash or a failover to an empty node.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A new, empty server on the same port.
    pub async fn restart(&mut self) {
        self.kill();
        self.child = Self::spawn(self.port);
        self.wait_ready().await;
    }

    /// Freezes the process (SIGSTOP): connections stay open and nothing answers, as with a hung
    /// server. `thaw` lets it go on.
    pub fn freeze(&self) {
        self.signal("-STOP");
    }

    pub fn thaw(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill {signal} failed");
    }

    /// Blocks every client for `seconds`, as an overloaded server would.
    pub async fn sleep(&self, seconds: f64) {
        let client = redis::Client::open(self.url()).unwrap();
        let mut conn = client.get_multiplexed_async_connection().await.unwrap();
        let _: redis::RedisResult<()> = redis::cmd("DEBUG")
            .arg("SLEEP")
            .arg(seconds)
            .query_async(&mut conn)
            .await;
    }
}

impl Drop for PrivateRedis {
    fn drop(&mut self) {
        // A frozen process takes no SIGKILL until it is let go.
        let _ = Command::new("kill")
            .args(["-CONT", &self.child.id().to_string()])
            .status();
        self.kill();
    }
}

/// A gateway on `redis` and the shared DynamoDB Local.
pub async fn spawn_gateway_with_redis(redis: &PrivateRedis) -> TestGateway {
    spawn_gateway_on(&redis.url(), &env("DYNAMODB_ENDPOINT"), |app| app).await
}

/// A TCP proxy in front of the shared DynamoDB Local that can stall every byte both ways, as a
/// hung DynamoDB (or the network to it) would, without stopping the table other tests use.
pub struct StallingProxy {
    pub url: String,
    stalled: tokio::sync::watch::Sender<bool>,
}

impl StallingProxy {
    pub async fn start(upstream: &str) -> Self {
        let upstream = url::Url::parse(upstream).unwrap();
        let target = format!(
            "{}:{}",
            upstream.host_str().unwrap(),
            upstream.port_or_known_default().unwrap()
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stalled, watch) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = TcpStream::connect(&target).await else {
                    continue;
                };
                let (client_read, client_write) = client.into_split();
                let (server_read, server_write) = server.into_split();
                tokio::spawn(pump(client_read, server_write, watch.clone()));
                tokio::spawn(pump(server_read, client_write, watch.clone()));
            }
        });
        Self { url, stalled }
    }

    pub fn stall(&self, stalled: bool) {
        self.stalled.send_replace(stalled);
    }
}

/// Copies bytes from `from` to `to`, holding them while the proxy is stalled.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    mut stalled: tokio::sync::watch::Receiver<bool>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let Ok(read) = from.read(&mut buffer).await else {
            return;
        };
        if read == 0 || stalled.wait_for(|s| !*s).await.is_err() {
            return;
        }
        if to.write_all(&buffer[..read]).await.is_err() {
            return;
        }
    }
}
