//! Does a refused password sign-in take longer for some addresses than for others? It must not:
//! timing would tell an attacker which addresses have an account. This calls `POST /auth/login`
//! through the router (the same code as the Lambda) against DynamoDB Local and Redis, with a
//! wrong password for: a guest's address (a password account), an SSO account's address, an
//! address with no account, and something that is not an address; the four interleaved, and
//! prints the spread of each. Figures, not a verdict: the machine is shared and noisy.
//!
//! Run with the stack's environment (a `make dev` or `./scripts/stack.sh up bench` stack):
//!   set -a; source .stack/<name>/env; set +a
//!   cargo bench --profile dev -p parley-api --bench sign_in_timing            # 40 rounds
//!   ROUNDS=200 cargo bench --profile dev -p parley-api --bench sign_in_timing
//! (The dev profile builds argon2 optimised, as in Lambda; see Cargo.toml. A plain `cargo bench`
//! works too, after a long release build.)

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

use api::{AppState, RateLimits};
use auth::secrets::{hash_token, random_token};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use config::Config;
use domain::InviteId;
use domain::Timestamp;
use domain::invites::Invite;
use domain::user::Role;
use serde_json::{Value, json};
use tower::ServiceExt;

const WRONG: &str = "not the password at all";

async fn post(router: &Router, path: &str, body: Value) -> (StatusCode, Duration) {
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap_or_default();
    let started = Instant::now();
    let status = match router.clone().oneshot(request).await {
        Ok(response) => response.status(),
        Err(never) => match never {},
    };
    (status, started.elapsed())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[index]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn run() -> Result<(), String> {
    let table = format!("bench-{}", ulid::Ulid::new().to_string().to_lowercase());
    let lookup = |name: &str| match name {
        "DYNAMODB_TABLE" => Some(table.clone()),
        _ => std::env::var(name).ok(),
    };
    for needed in ["DYNAMODB_ENDPOINT", "REDIS_URL"] {
        if std::env::var(needed).is_err() {
            return Err(format!(
                "{needed} is not set: start a stack (./scripts/stack.sh up bench) and load its env \
                 (set -a; source .stack/bench/env; set +a)"
            ));
        }
    }
    let config = Config::from_lookup(lookup).map_err(|e| e.to_string())?;
    let mut state = AppState::new(config).await.map_err(|e| e.to_string())?;
    // Measuring the answer, not the rate limit (which would refuse long before the end).
    state.rate_limits = RateLimits::unlimited();
    state
        .store
        .ensure_table()
        .await
        .map_err(|e| e.to_string())?;
    let router = api::router(state.clone());

    // An SSO account, and a guest made the way a guest is made: an invite accepted.
    let sso = store::users::new_user("sso-person@example.com", "Sso Person".into(), Role::Member);
    state
        .store
        .users()
        .create(&sso, None, false)
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("{e:?}"))?;
    let guest_email = "guest-person@example.com";
    let now = Timestamp::now();
    let invite = Invite {
        id: InviteId::new(),
        email: guest_email.into(),
        channel_ids: vec![],
        invited_by: sso.id,
        created_at: now,
        expires_at: now.plus_seconds(3600),
    };
    let token = random_token();
    state
        .store
        .invites()
        .put(&invite, &hash_token(&token))
        .await
        .map_err(|e| e.to_string())?;
    let (accepted, _) = post(
        &router,
        "/auth/invite/accept",
        json!({"token": token, "displayName": "Guest Person", "password": "the guest's password"}),
    )
    .await;
    if accepted != StatusCode::CREATED {
        return Err(format!("accepting the invite answered {accepted}"));
    }

    let cases = [
        ("password account", guest_email.to_string()),
        ("SSO account", sso.email.clone()),
        ("no account", "nobody-here@example.com".to_string()),
        ("not an address", "not an address".to_string()),
    ];
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40)
        .max(2);
    // Warm up: the dummy hash, connections, the first table reads.
    for (_, email) in &cases {
        post(
            &router,
            "/auth/login",
            json!({"email": email, "password": WRONG}),
        )
        .await;
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); cases.len()];
    for round in 0..rounds {
        // Rotate the order, so no case always runs first (or right after another).
        for offset in 0..cases.len() {
            let which = (round + offset) % cases.len();
            let (status, took) = post(
                &router,
                "/auth/login",
                json!({"email": cases[which].1, "password": WRONG}),
            )
            .await;
            if status != StatusCode::UNAUTHORIZED {
                return Err(format!("{}: answered {status}, not 401", cases[which].0));
            }
            times[which].push(took);
        }
    }

    println!("POST /auth/login with a wrong password, {rounds} rounds (milliseconds)");
    println!(
        "{:<18} {:>8} {:>8} {:>8} {:>8}",
        "address", "p10", "median", "p90", "mean"
    );
    let mut medians = vec![];
    for ((name, _), samples) in cases.iter().zip(times.iter_mut()) {
        samples.sort();
        let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
        let median = percentile(samples, 0.5);
        medians.push(median);
        println!(
            "{name:<18} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            ms(percentile(samples, 0.1)),
            ms(median),
            ms(percentile(samples, 0.9)),
            ms(mean)
        );
    }
    let reference = ms(medians[0]);
    for ((name, _), median) in cases.iter().zip(&medians).skip(1) {
        println!(
            "median of '{name}' minus 'password account': {:+.1} ms ({:+.1}%)",
            ms(*median) - reference,
            (ms(*median) - reference) / reference * 100.0
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sign_in_timing: {e}");
            ExitCode::FAILURE
        }
    }
}
