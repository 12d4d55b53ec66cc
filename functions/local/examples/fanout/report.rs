//! The final tables (stdout), and the one-line summaries printed as sections finish (stderr).

use std::time::Duration;

use crate::Results;
use crate::cost;
use crate::measure::{Latency, Step, ms};
use crate::settings::Settings;

fn pair(a: Option<Duration>, b: Option<Duration>) -> String {
    format!("{} / {}", ms(a), ms(b))
}

fn ratio(a: Option<Duration>, b: Option<Duration>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if !b.is_zero() => format!("{:.1}x", a.as_secs_f64() / b.as_secs_f64()),
        _ => "-".into(),
    }
}

pub fn latency_row(members: usize, parley: &Latency, bare: &Latency) -> String {
    format!(
        "| {members:>7} | {:>17} | {:>17} | {:>9} | {:>17} | {:>3} / {:<3} |",
        pair(bare.last_p(0.5), bare.last_p(0.99)),
        pair(parley.last_p(0.5), parley.last_p(0.99)),
        ratio(parley.last_p(0.99), bare.last_p(0.99)),
        pair(parley.answer_p(0.5), parley.answer_p(0.99)),
        parley.lost,
        bare.lost,
    )
}

pub fn step_row(server: &str, step: &Step) -> String {
    format!(
        "| {server:<6} | {:>6} | {:>7} | {:>17} | {:>7} | {:>8} | {:<4} |",
        step.rate,
        step.sent,
        pair(step.p50, step.p99),
        step.lost,
        step.cpu_us.map_or("-".into(), |us| format!("{us:.1}")),
        if step.passes() { "pass" } else { "FAIL" },
    )
}

fn best(steps: &[Step]) -> String {
    steps
        .iter()
        .filter(|s| s.passes())
        .map(|s| s.rate)
        .max()
        .map_or_else(|| "none passed".into(), |r| format!("{r} msg/s"))
}

fn megabytes(bytes: Option<u64>) -> String {
    bytes.map_or("-".into(), |b| format!("{:.1} MB", b as f64 / 1e6))
}

fn units(cost: &crate::ops::Cost, read: bool) -> String {
    let (count, units) = if read {
        (cost.reads, cost.read_units)
    } else {
        (cost.writes, cost.write_units)
    };
    if cost.units_reported {
        format!("{count} ({units:.1})")
    } else {
        format!("{count} (?)")
    }
}

fn print_latency(r: &Results) {
    if r.latency.is_empty() {
        return;
    }
    println!(
        "\n1. Last-recipient latency, ms (each member one WebSocket; one send at a time, senders take turns; time from the send's start until the LAST member has the frame)"
    );
    println!(
        "| members | bare p50 / p99    | Parley p50 / p99  | ratio p99 | Parley 201 p50/p99 | lost P / B |"
    );
    println!(
        "|---------|-------------------|-------------------|-----------|-------------------|-----------|"
    );
    for (members, parley, bare) in &r.latency {
        println!("{}", latency_row(*members, parley, bare));
    }
}

fn print_rates(r: &Results) {
    if r.parley_steps.is_empty() && r.bare_steps.is_empty() {
        return;
    }
    println!(
        "\n2. Rate into one room of {} members (steps up until p99 >= 1 s or anything is lost; last-recipient latency in ms; server CPU per delivery in µs)",
        r.rate_members
    );
    println!("| server | msg/s  | sent    | p50 / p99         | lost    | CPU µs   | step |");
    println!("|--------|--------|---------|-------------------|---------|----------|------|");
    for step in &r.parley_steps {
        println!("{}", step_row("Parley", step));
    }
    for step in &r.bare_steps {
        println!("{}", step_row("bare", step));
    }
    println!(
        "best passing rate: Parley {}, bare server {} (the load generator shares the 2 cores, and is the bare server's limit)",
        best(&r.parley_steps),
        best(&r.bare_steps)
    );
}

fn print_cpu(r: &Results) {
    let Some((parley, bare, what)) = &r.cpu else {
        return;
    };
    let show = |us: &Option<f64>| us.map_or("-".into(), |us| format!("{us:.1} µs"));
    let times = match (parley, bare) {
        (Some(p), Some(b)) if *b > 0.0 => format!(" ({:.1}x)", p / b),
        _ => String::new(),
    };
    println!(
        "\n3. Server CPU per delivery (utime+stime of the server process from /proc, over {what}, divided by deliveries)"
    );
    println!(
        "Parley (parley-local, whole process: REST, storage calls, fan-out, sockets): {}; bare server: {}{times}",
        show(parley),
        show(bare)
    );
}

fn print_delay(r: &Results) {
    if r.delayed.is_empty() {
        return;
    }
    println!(
        "\n4. Posts to @connections answering after {} ms (LOCAL_POST_DELAY_MS, AWS-like), ms",
        r.delay_ms
    );
    println!("| members | last-recipient p50 / p99 | send 201 p50 / p99 | lost |");
    println!("|---------|--------------------------|--------------------|------|");
    for (members, f) in &r.delayed {
        println!(
            "| {members:>7} | {:>24} | {:>18} | {:>4} |",
            pair(f.last_p(0.5), f.last_p(0.99)),
            pair(f.answer_p(0.5), f.answer_p(0.99)),
            f.lost
        );
    }
}

fn print_ops(r: &Results) {
    if r.ops.is_empty() && r.plain_by_size.is_empty() {
        return;
    }
    println!(
        "\n5. AWS operations per action (in-process gateway; a channel of {} people, each connected once; connect and disconnect are of one more member who was offline; DynamoDB calls with capacity units in brackets)",
        r.ops_members
    );
    println!(
        "| action          | DynamoDB reads (RRU) | writes (WRU) | Redis round trips | PostToConnection | other @connections |"
    );
    println!(
        "|-----------------|----------------------|--------------|-------------------|------------------|--------------------|"
    );
    for (kind, c) in &r.ops {
        println!(
            "| {kind:<15} | {:>20} | {:>12} | {:>17} | {:>16} | {:>18} |",
            units(c, true),
            units(c, false),
            c.redis,
            c.posts,
            c.other_management
        );
    }
    if !r.plain_by_size.is_empty() {
        println!(
            "A plain message into a channel of N members (nobody connected, so no posts: those are one per live connection):"
        );
        println!("| members | DynamoDB reads (RRU) | writes (WRU) | Redis round trips |");
        println!("|---------|----------------------|--------------|-------------------|");
        for (members, c) in &r.plain_by_size {
            println!(
                "| {members:>7} | {:>20} | {:>12} | {:>17} |",
                units(c, true),
                units(c, false),
                c.redis
            );
        }
    }
    let all = r
        .ops
        .iter()
        .map(|(_, c)| c)
        .chain(r.plain_by_size.iter().map(|(_, c)| c));
    if all.clone().any(|c| !c.units_reported) {
        println!(
            "(?): DynamoDB Local reported no consumed capacity for some calls; the cost model counts one unit per call there."
        );
    }
}

fn print_functions(r: &Results) {
    if r.inits.is_empty() && r.sizes.is_empty() {
        return;
    }
    let hello = r
        .inits
        .iter()
        .find(|i| i.name == "hello-lambda")
        .and_then(|i| i.median);
    println!(
        "\n6. Function init (spawn until the first GET /runtime/invocation/next, median) and stripped size, release profile, {} (Lambda runs arm64)",
        std::env::consts::ARCH
    );
    println!("| binary        | init ms | x hello | size     | init failures |");
    println!("|---------------|---------|---------|----------|---------------|");
    let mut names: Vec<&str> = r.inits.iter().map(|i| i.name.as_str()).collect();
    for (name, _) in &r.sizes {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    for name in names {
        let init = r.inits.iter().find(|i| i.name == name);
        let median = init.and_then(|i| i.median);
        let size = r
            .sizes
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, s)| *s);
        let failures = init.map_or(String::new(), |i| {
            i.failures
                .first()
                .map_or("0".into(), |first| format!("{}: {first}", i.failures.len()))
        });
        println!(
            "| {name:<13} | {:>7} | {:>7} | {:>8} | {failures} |",
            ms(median),
            ratio(median, hello),
            megabytes(size),
        );
    }
    println!("(migrate is not a runtime function; parley-local is the local gateway, for scale)");
}

/// The send's measured duration for `members`: from the AWS-like delay run when it measured
/// this size, else from the plain latency run.
/// How long `rest` runs for one send (its answer time) and how long the fan-out function posts
/// (from the answer to the last recipient), at p50, from the delay run where it measured this
/// size (AWS-like post latency), else from the latency run.
fn send_seconds(r: &Results, members: usize) -> Option<(f64, f64, &'static str)> {
    let from = |runs: &[(usize, Latency)], label| {
        runs.iter().find(|(m, _)| *m == members).and_then(|(_, f)| {
            let answer = f.answer_p(0.5)?;
            let last = f.last_p(0.5)?;
            Some((
                answer.as_secs_f64(),
                last.saturating_sub(answer).as_secs_f64(),
                label,
            ))
        })
    };
    let plain: Vec<(usize, Latency)> = r.latency.iter().map(|(m, p, _)| (*m, p.clone())).collect();
    from(&r.delayed, "delay run").or_else(|| from(&plain, "latency run"))
}

fn print_costs(r: &Results) {
    if r.plain_by_size.is_empty() {
        return;
    }
    println!(
        "\n7. Cost per million messages, USD ({}; everyone in the channel online with one connection)",
        cost::PRICES_AS_OF
    );
    println!(
        "| members | HTTP API | Lambda (rest+fanout, 256 MB)     | WebSocket posts | DynamoDB | total per million |"
    );
    println!(
        "|---------|----------|----------------------------------|-----------------|----------|-------------------|"
    );
    for (members, counts) in &r.plain_by_size {
        let seconds = send_seconds(r, *members);
        let c = cost::per_message(*members, counts, seconds.map(|(s, f, _)| (s, f)));
        let lambda = match seconds {
            Some((s, f, from)) => format!(
                "{:.2} ({:.0}+{:.0} ms, {from})",
                c.lambda * 1e6,
                s * 1000.0,
                f * 1000.0
            ),
            None => format!("{:.2} (requests only)", c.lambda * 1e6),
        };
        println!(
            "| {members:>7} | {:>8.2} | {lambda:>32} | {:>15.2} | {:>8.2} | {:>17.2} |",
            c.http_api * 1e6,
            c.websocket * 1e6,
            c.dynamodb * 1e6,
            c.total() * 1e6
        );
    }
    println!(
        "Not per message: WebSocket connection minutes (${:.2} per million: 1,000 people online 8 h a day, 22 days = ${:.2}/month), the ElastiCache node (a fixed hourly price), logs and data transfer.",
        cost::WS_CONNECTION_MINUTE * 1e6,
        1000.0 * 8.0 * 60.0 * 22.0 * cost::WS_CONNECTION_MINUTE
    );
}

pub fn print(r: &Results, s: &Settings) {
    let build = if cfg!(debug_assertions) {
        "DEBUG build (figures not comparable)"
    } else {
        "release build"
    };
    println!(
        "\n=== Parley fan-out bench: {build}, {} cores, {} ===",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::env::consts::ARCH
    );
    println!(
        "search indexing (the table's stream) {} in the gateways (SEARCH_INDEXING)",
        if s.search_indexing { "on" } else { "off" }
    );
    print_latency(r);
    print_rates(r);
    print_cpu(r);
    print_delay(r);
    print_ops(r);
    print_functions(r);
    print_costs(r);
}
