//! The operator tool: table creation for development, versioned data migrations and a few
//! one-off commands. Runs as a CLI (`migrate status`) or as a Lambda taking
//! `{"command": "...", "args": [...]}`. Every command that writes is a dry run unless told
//! `--apply`.

use std::io::Write;
use std::time::{Duration, Instant};

use config::Config;
use domain::user::Role;
use migrate::catalog::Work;
use migrate::runner::{self, Options};
use serde::Deserialize;
use store::Store;
use store::schema::Ensured;

#[derive(Debug, Deserialize)]
struct Invocation {
    command: String,
    /// The arguments the CLI would take after the command (e.g. `["ann@example.com", "--apply"]`).
    #[serde(default)]
    args: Vec<String>,
}

const USAGE: &str = "usage: migrate <command> [arguments]

  status                        list the data migrations: applied, stopped part-way, or pending
  run [--apply] [--to VERSION] [--pages N] [--page-size N]
                                run the pending migrations in order. A dry run unless --apply;
                                with --apply each page is saved as a checkpoint, so a run that
                                stops goes on from there next time. --pages stops after N pages
                                (runs in slices); --page-size sets the items read per page (500)
  reindex-search [--apply] [--restart]
                                analyse every message again, after the workspace's search
                                language changed. A dry run unless --apply; resumes where an
                                earlier run stopped unless --restart
  export --to FILE|s3://BUCKET/KEY [--page-size N]
                                every item of the table as JSON lines (DynamoDB JSON, the format
                                of DynamoDB's own export and import), with progress
  grant-admin <email> [--apply] make the account with this email a system admin (for a workspace
                                left without one); they must have signed in once. A dry run
                                unless --apply; takes effect at their next refresh
  ensure-table                  create the DynamoDB table with its stream (development only); for a
                                table that exists, turn its stream on if it has none
";

/// Time kept back from Lambda's limit: a page and its checkpoint finish within it.
const LAMBDA_MARGIN: Duration = Duration::from_secs(60);

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    api::telemetry::init();
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
        return lambda_runtime::run(lambda_runtime::service_fn(
            |event: lambda_runtime::LambdaEvent<Invocation>| async move {
                let deadline = lambda_deadline(event.context.deadline);
                run(&event.payload.command, &event.payload.args, deadline)
                    .await
                    .map_err(lambda_runtime::Error::from)
            },
        ))
        .await;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    match run(command, &args[1..], None).await {
        Ok(summary) => {
            // Not println!: a closed pipe (`| head`) is no reason to panic.
            let _ = writeln!(std::io::stdout(), "{summary}");
            Ok(())
        }
        Err(e) => {
            eprintln!("migrate {command}: {e}");
            std::process::exit(1);
        }
    }
}

/// When a Lambda invocation should stop starting pages: its deadline (milliseconds since the
/// epoch) less a margin.
fn lambda_deadline(deadline_ms: u64) -> Option<Instant> {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_millis();
    let left =
        Duration::from_millis(u64::try_from(u128::from(deadline_ms).saturating_sub(now_ms)).ok()?);
    Some(Instant::now() + left.saturating_sub(LAMBDA_MARGIN))
}

async fn run(command: &str, args: &[String], deadline: Option<Instant>) -> Result<String, String> {
    match command {
        "ensure-table" => ensure_table().await,
        "grant-admin" => grant_admin(args).await,
        "status" => runner::status(&store().await?).await,
        "run" => {
            let options = parse_options(args, &["--to", "--pages", "--page-size"], &[], deadline)?;
            Ok(runner::run_pending(&store().await?, &options)
                .await?
                .summary()
                .to_string())
        }
        "reindex-search" => {
            let options =
                parse_options(args, &["--pages", "--page-size"], &["--restart"], deadline)?;
            let restart = args.iter().any(|a| a == "--restart");
            let outcome = runner::run_task(
                &store().await?,
                "reindex-search",
                Work::SearchReanalyse,
                restart,
                &options,
            )
            .await?;
            Ok(outcome.summary().to_string())
        }
        "export" => export(args).await,
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

/// `--apply`, the numeric options in `numbers` (each followed by its value) and the flags in
/// `flags`; anything else is refused with the usage.
fn parse_options(
    args: &[String],
    numbers: &[&str],
    flags: &[&str],
    deadline: Option<Instant>,
) -> Result<Options, String> {
    let mut options = Options {
        deadline,
        ..Options::default()
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let arg = arg.as_str();
        if arg == "--apply" {
            options.apply = true;
            continue;
        }
        if flags.contains(&arg) {
            continue;
        }
        if !numbers.contains(&arg) {
            return Err(format!("unexpected argument {arg:?}\n\n{USAGE}"));
        }
        let value: u64 = rest
            .next()
            .and_then(|v| v.parse().ok())
            .filter(|v| *v > 0)
            .ok_or_else(|| format!("{arg} takes a whole number above 0"))?;
        match arg {
            "--to" => {
                options.to =
                    Some(u32::try_from(value).map_err(|_| "--to: no such version".to_string())?)
            }
            "--pages" => options.pages = Some(value),
            _ => options.page_size = u32::try_from(value.min(1000)).unwrap_or(1000),
        }
    }
    Ok(options)
}

async fn export(args: &[String]) -> Result<String, String> {
    let to = args
        .iter()
        .position(|a| a == "--to")
        .and_then(|i| args.get(i + 1))
        .ok_or_else(|| format!("export needs --to FILE or --to s3://bucket/key\n\n{USAGE}"))?;
    let target = migrate::export::Target::parse(to)?;
    let rest: Vec<String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| *a != "--to" && (*i == 0 || args[i - 1] != "--to"))
        .map(|(_, a)| a.clone())
        .collect();
    let options = parse_options(&rest, &["--page-size"], &[], None)?;
    if options.apply {
        return Err("export only reads: it takes no --apply".into());
    }
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let store = store().await?;
    let endpoint = config.uploads.as_ref().and_then(|u| u.endpoint.clone());
    let s3 = match &target {
        migrate::export::Target::S3 { bucket, .. } => Some(
            blobs::Blobs::connect(bucket, &config.aws_region, endpoint.as_deref())
                .await
                .client()
                .clone(),
        ),
        migrate::export::Target::File(_) => None,
    };
    let written = migrate::export::run(&store, &target, options.page_size, s3).await?;
    Ok(format!("exported {written} items to {to}"))
}

async fn store() -> Result<Store, String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    Ok(Store::connect(
        &config.aws_region,
        config.dynamodb_endpoint.as_deref(),
        &config.dynamodb_table,
    )
    .await)
}

async fn grant_admin(args: &[String]) -> Result<String, String> {
    let apply = args.iter().any(|a| a == "--apply");
    let emails: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [email] = emails.as_slice() else {
        return Err(format!("grant-admin takes one email address\n\n{USAGE}"));
    };
    let email = domain::user::Email::parse(email).map_err(|e| e.message)?;
    let store = store().await?;
    let user = store
        .users()
        .by_email(email.as_str())
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!(
                "no account has the email {}; they must sign in once first",
                email.as_str()
            )
        })?;
    if user.role == Role::Admin {
        return Ok(format!(
            "{} is already an admin; nothing to do",
            email.as_str()
        ));
    }
    if domain::admin::check_role(&user, Role::Admin).is_err() {
        return Err(format!(
            "{} signs in with a password (an invited guest) and cannot be an admin",
            email.as_str()
        ));
    }
    if !apply {
        return Ok(format!(
            "dry run: would make {} ({:?}, {:?}) an admin; run again with --apply",
            email.as_str(),
            user.role,
            user.status
        ));
    }
    if !store
        .users()
        .grant_admin_as_operator(user.id)
        .await
        .map_err(|e| e.to_string())?
    {
        return Err("the account changed meanwhile; run the command again".into());
    }
    Ok(format!(
        "{} is now an admin (from their next sign-in or token refresh)",
        email.as_str()
    ))
}

async fn ensure_table() -> Result<String, String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    if config.is_production() {
        return Err("ensure-table runs only with ENV=development: in production the SAM template owns the table".into());
    }
    let store = Store::connect(
        &config.aws_region,
        config.dynamodb_endpoint.as_deref(),
        &config.dynamodb_table,
    )
    .await;
    match store.ensure_table().await {
        Ok(Ensured::Created) => Ok(format!("created table {}", config.dynamodb_table)),
        Ok(Ensured::AlreadyExisted) => Ok(format!(
            "table {} already exists; nothing to do",
            config.dynamodb_table
        )),
        Ok(Ensured::StreamEnabled) => Ok(format!(
            "table {} existed without a stream; turned its stream on (NEW_AND_OLD_IMAGES), which the search index is kept from",
            config.dynamodb_table
        )),
        Err(e) => Err(format!(
            "{e}\nIs DynamoDB reachable at DYNAMODB_ENDPOINT={}? `make dev` starts DynamoDB Local.",
            config
                .dynamodb_endpoint
                .as_deref()
                .unwrap_or("(AWS default)")
        )),
    }
}
