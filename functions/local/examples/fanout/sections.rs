//! The sections measured against servers outside this process (parley-local and the bare
//! broadcast server, each its own process) and the in-process `ops` section.

use std::time::Duration;

use api::AppState;
use tokio::time::Instant;

use crate::measure::Step;
use crate::room::{Room, Server};
use crate::settings::Settings;
use crate::{Results, measure, ops, procs, progress, report};

/// A room on `server`, measured once the server has digested the connects.
async fn open_room(
    s: &Settings,
    server: &Server,
    http: &reqwest::Client,
    members: usize,
    pid: u32,
) -> Result<Room, String> {
    let room = Room::open(server, http, members, s.connect_concurrency).await?;
    procs::wait_idle(pid, Duration::from_secs(120)).await;
    Ok(room)
}

async fn close_room(room: Room, pid: u32) {
    room.close().await;
    procs::wait_idle(pid, Duration::from_secs(120)).await;
}

/// Prints a rate step and notes it in `steps`; whether it passed (the next rate is worth
/// trying).
fn note_step(steps: &mut Vec<Step>, server: &str, step: Step) -> bool {
    eprintln!("{}", report::step_row(server, &step));
    let passed = step.passes();
    steps.push(step);
    passed
}

/// parley-local as the rooms see it, with the bench's own handle on its table.
fn parley(gateway: &procs::Gateway, app: &AppState) -> Server {
    Server::Parley {
        base: gateway.base.clone(),
        origin: gateway.origin.clone(),
        app: Box::new(app.clone()),
    }
}

pub struct Servers {
    gateway: procs::Gateway,
    parley: Server,
    bare_proc: procs::Proc,
    bare: Server,
}

pub async fn start_servers(
    s: &Settings,
    http: &reqwest::Client,
    table: &str,
    app: &AppState,
    delay_ms: u64,
) -> Result<Servers, String> {
    let gateway = procs::start_gateway(http, s, table, delay_ms).await?;
    let parley = parley(&gateway, app);
    let (bare_proc, bare_base) = procs::start_bare(http, &s.bin_dir, &s.log_dir).await?;
    Ok(Servers {
        gateway,
        parley,
        bare_proc,
        bare: Server::Bare { base: bare_base },
    })
}

pub async fn latency_section(
    s: &Settings,
    http: &reqwest::Client,
    sv: &Servers,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    let (gw, bare) = (sv.gateway.proc.pid(), sv.bare_proc.pid());
    for &members in &s.members {
        progress(
            start,
            &format!("latency: {members} members on Parley (making people, opening sockets)"),
        );
        let room = open_room(s, &sv.parley, http, members, gw).await?;
        progress(
            start,
            &format!("latency: {members} members on Parley, {} sends", s.sends),
        );
        let parley = measure::one_at_a_time(&room, http, s.sends).await;
        close_room(room, gw).await;
        progress(
            start,
            &format!("latency: {members} members on the bare server"),
        );
        let room = open_room(s, &sv.bare, http, members, bare).await?;
        let bare_figures = measure::one_at_a_time(&room, http, s.sends).await;
        close_room(room, bare).await;
        eprintln!("{}", report::latency_row(members, &parley, &bare_figures));
        results.latency.push((members, parley, bare_figures));
    }
    Ok(())
}

/// Steps the rate up until one fails; a fresh room for each Parley step, so no sender meets
/// the per-person send limit (60 a minute).
pub async fn rate_section(
    s: &Settings,
    http: &reqwest::Client,
    sv: &Servers,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    let (gw, bare) = (sv.gateway.proc.pid(), sv.bare_proc.pid());
    results.rate_members = s.rate_members;
    for &rate in &s.rates {
        progress(
            start,
            &format!(
                "rate: {rate} msg/s into {} members on Parley",
                s.rate_members
            ),
        );
        let room = open_room(s, &sv.parley, http, s.rate_members, gw).await?;
        let step = measure::at_rate(&room, http, rate, s.rate_seconds, gw).await;
        close_room(room, gw).await;
        if !note_step(&mut results.parley_steps, "Parley", step) {
            break;
        }
    }
    let room = open_room(s, &sv.bare, http, s.rate_members, bare).await?;
    for &rate in &s.rates {
        progress(
            start,
            &format!(
                "rate: {rate} msg/s into {} sockets on the bare server",
                s.rate_members
            ),
        );
        let step = measure::at_rate(&room, http, rate, s.rate_seconds, bare).await;
        procs::wait_idle(bare, Duration::from_secs(30)).await;
        if !note_step(&mut results.bare_steps, "bare", step) {
            break;
        }
    }
    close_room(room, bare).await;
    Ok(())
}

pub async fn cpu_section(
    s: &Settings,
    http: &reqwest::Client,
    sv: &Servers,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    let (gw, bare) = (sv.gateway.proc.pid(), sv.bare_proc.pid());
    let what = format!(
        "{} msg/s for {} s into {} members",
        s.cpu_rate, s.cpu_seconds, s.cpu_members
    );
    progress(start, &format!("cpu: {what} on Parley"));
    let room = open_room(s, &sv.parley, http, s.cpu_members, gw).await?;
    let parley = measure::at_rate(&room, http, s.cpu_rate, s.cpu_seconds, gw).await;
    close_room(room, gw).await;
    progress(start, &format!("cpu: {what} on the bare server"));
    let room = open_room(s, &sv.bare, http, s.cpu_members, bare).await?;
    let bare_step = measure::at_rate(&room, http, s.cpu_rate, s.cpu_seconds, bare).await;
    close_room(room, bare).await;
    results.cpu = Some((parley.cpu_us, bare_step.cpu_us, what));
    Ok(())
}

pub async fn delay_section(
    s: &Settings,
    http: &reqwest::Client,
    table: &str,
    app: &AppState,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    progress(
        start,
        &format!(
            "delay: parley-local with LOCAL_POST_DELAY_MS={}",
            s.delay_ms
        ),
    );
    let gateway = procs::start_gateway(http, s, table, s.delay_ms).await?;
    let server = parley(&gateway, app);
    let pid = gateway.proc.pid();
    results.delay_ms = s.delay_ms;
    for &members in &s.delay_members {
        progress(
            start,
            &format!("delay: {members} members, {} sends", s.delay_sends),
        );
        let room = open_room(s, &server, http, members, pid).await?;
        let figures = measure::one_at_a_time(&room, http, s.delay_sends).await;
        close_room(room, pid).await;
        results.delayed.push((members, figures));
    }
    Ok(())
}

pub async fn ops_section(
    s: &Settings,
    start: Instant,
    results: &mut Results,
) -> Result<(), String> {
    progress(
        start,
        &format!(
            "ops: AWS operations per action ({} members, in-process gateway)",
            s.ops_members
        ),
    );
    let gw = ops::OpsGateway::start().await?;
    results.ops_members = s.ops_members;
    results.ops = ops::by_kind(&gw, s.ops_members).await?;
    for &members in &s.cost_members {
        progress(
            start,
            &format!("ops: a plain message into {members} members"),
        );
        results
            .plain_by_size
            .push((members, ops::plain_into(&gw, members).await?));
    }
    Ok(())
}
