//! Every route against every kind of caller, as one table. Each cell runs on a scene of its own
//! (its own channel, group, category), so a cell that changes something cannot change another
//! cell's answer. A route the router serves without a row here fails the test.
//!
//! The rows are grouped by area (`public`, `people`, `channels`, `conversations`); `actors`
//! holds the columns and the people who play them, `scene` what each cell acts on.

mod actors;
mod channels;
mod conversations;
mod people;
mod public;
mod scene;

use std::collections::BTreeSet;

use axum::http::Method;
use futures::StreamExt;
use serde_json::Value;

use actors::{ACTORS, ENDS_CALLERS_ACCESS, World, world};
use scene::{fill, scene};

use crate::{TestApp, spawn_app};

struct Row {
    method: Method,
    /// The route as the OpenAPI document names it.
    route: &'static str,
    /// The path called: `{channel}`, `{group}`, `{target}`, `{victim}` and `{category}` are
    /// filled in.
    path: &'static str,
    body: fn(&World) -> Option<Value>,
    /// Admin, owner, channel admin, member, non-member, guest, deactivated, anonymous.
    expect: [u16; 8],
}

fn none(_: &World) -> Option<Value> {
    None
}

const ANY: [u16; 8] = [200, 200, 200, 200, 200, 200, 200, 200];
/// Every signed-in active user; 401 for the deactivated and the anonymous.
const SIGNED_IN: [u16; 8] = [200, 200, 200, 200, 200, 200, 401, 401];
/// System admins only.
const ADMINS_ONLY: [u16; 8] = [200, 403, 403, 403, 403, 403, 401, 401];
/// Only the member (whose category it is).
const OWN_CATEGORY: fn(u16) -> [u16; 8] = |ok| [404, 404, 404, ok, 404, 404, 401, 401];
/// Channel members read and write; a system admin or member outside a public channel must join
/// first (403); a guest does not see it (404).
const CHANNEL_MEMBERS: fn(u16) -> [u16; 8] = |ok| [403, ok, ok, ok, 403, 404, 401, 401];
/// Group participants only; everybody else is told it does not exist.
const PARTICIPANTS: fn(u16) -> [u16; 8] = |ok| [404, ok, ok, ok, 404, 404, 401, 401];

fn row(
    method: Method,
    route: &'static str,
    path: &'static str,
    body: fn(&World) -> Option<Value>,
    expect: [u16; 8],
) -> Row {
    Row {
        method,
        route,
        path,
        body,
        expect,
    }
}

/// The whole table, area by area.
fn rows() -> Vec<Row> {
    [
        public::rows(),
        people::rows(),
        channels::rows(),
        conversations::rows(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Every documented route has a row, and every row is a documented route.
fn assert_every_route_has_a_row(rows: &[Row]) {
    let documented: BTreeSet<(String, String)> = api::openapi()
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            let mut methods = Vec::new();
            for (method, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PATCH", &item.patch),
                ("PUT", &item.put),
                ("DELETE", &item.delete),
            ] {
                if op.is_some() {
                    methods.push((method.to_string(), path.clone()));
                }
            }
            methods
        })
        .collect();
    let tabled: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.to_string(), r.route.to_string()))
        .collect();
    assert_eq!(
        documented.difference(&tabled).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "routes without a row in the authorization table"
    );
    assert_eq!(
        tabled.difference(&documented).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "rows for routes the API does not have"
    );
}

/// Calls `row`'s route as the actor of column `i`, on a scene of its own: what differs from the
/// table, if anything.
async fn run_cell(app: &TestApp, world: &World, row: &Row, i: usize) -> Option<String> {
    let scene = scene(app, world, row.path).await;
    let actor = ACTORS[i];
    let path = fill(row.path, world, &scene);
    let stand_in = if ENDS_CALLERS_ACCESS.contains(&row.route) {
        actor.stand_in(app).await
    } else {
        None
    };
    let caller = stand_in.as_ref().or(world.person(actor));
    let (status, body) = app
        .call(row.method.clone(), &path, caller, (row.body)(world))
        .await;
    (status.as_u16() != row.expect[i]).then(|| {
        format!(
            "{} {} as {actor:?}: expected {}, got {} {body}",
            row.method, row.route, row.expect[i], status
        )
    })
}

#[tokio::test]
async fn every_route_answers_every_kind_of_caller_as_the_table_says() {
    // Who may call what, not how often (`hardening` tests the limits): the rows send the same
    // address on every run, and the counters live on in the shared Redis.
    let mut app = spawn_app().await;
    app.state.rate_limits = api::RateLimits::unlimited();
    app.router = api::router(app.state.clone());
    let world = world(&app).await;
    let rows = rows();

    assert_every_route_has_a_row(&rows);

    let cells: Vec<(&Row, usize)> = rows
        .iter()
        .flat_map(|row| (0..ACTORS.len()).map(move |i| (row, i)))
        .collect();
    let outcomes: Vec<Option<String>> = futures::stream::iter(cells)
        .map(|(row, i)| run_cell(&app, &world, row, i))
        .buffer_unordered(12)
        .collect()
        .await;
    let wrong: Vec<String> = outcomes.into_iter().flatten().collect();
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
