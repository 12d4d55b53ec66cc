//! Table creation for development, and (later) backfills. Runs as a CLI
//! (`migrate ensure-table`) or as a Lambda taking `{"command": "..."}`. Every command that
//! writes is a dry run unless told `--apply`.

use config::Config;
use domain::user::Role;
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

mod search_index;

const USAGE_HEAD: &str = "usage: migrate <command> [arguments]

  ensure-table                  create the DynamoDB table (development only; a no-op when it exists)
  grant-admin <email> [--apply] make the account with this email a system admin (for a workspace
                                left without one); they must have signed in once. A dry run
                                unless --apply; takes effect at their next refresh
  backfill-users [--apply]      give accounts made by earlier versions what they lack: the name
                                search text (people search no longer matches email addresses;
                                until then they are found by handle only) and the look-alike
                                lock of their handle. A dry run unless --apply; safe to run again
";

fn usage() -> String {
    format!("{USAGE_HEAD}{}", search_index::USAGE)
}

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    api::telemetry::init();
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
        return lambda_runtime::run(lambda_runtime::service_fn(
            |event: lambda_runtime::LambdaEvent<Invocation>| async move {
                run(&event.payload.command, &event.payload.args)
                    .await
                    .map_err(lambda_runtime::Error::from)
            },
        ))
        .await;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{}", usage());
        std::process::exit(2);
    };
    match run(command, &args[1..]).await {
        Ok(summary) => {
            println!("{summary}");
            Ok(())
        }
        Err(e) => {
            eprintln!("migrate {command}: {e}");
            std::process::exit(1);
        }
    }
}

async fn run(command: &str, args: &[String]) -> Result<String, String> {
    match command {
        "ensure-table" => ensure_table().await,
        "grant-admin" => grant_admin(args).await,
        "backfill-users" => backfill_users(args).await,
        "search-index" => search_index::run(&store().await?, args).await,
        other => Err(format!("unknown command {other:?}\n\n{}", usage())),
    }
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
        return Err(format!(
            "grant-admin takes one email address\n\n{}",
            usage()
        ));
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

async fn backfill_users(args: &[String]) -> Result<String, String> {
    let apply = args.iter().any(|a| a == "--apply");
    let store = store().await?;
    let users = store.users();
    let (mut seen, mut written) = (0usize, 0usize);
    let mut look_alikes = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = users
            .list(store::users::Listing::All, "", cursor.as_deref(), 100)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("the listing's own cursor was refused")?;
        for user in &page.users {
            seen += 1;
            if !apply {
                continue;
            }
            if users
                .backfill_name_search(user)
                .await
                .map_err(|e| e.to_string())?
            {
                written += 1;
            }
            if !users
                .backfill_handle_lock(user)
                .await
                .map_err(|e| e.to_string())?
            {
                look_alikes.push(format!("@{} ({})", user.handle, user.email));
            }
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    if !apply {
        return Ok(format!(
            "dry run: would backfill {seen} accounts; run again with --apply"
        ));
    }
    let mut summary = format!("backfilled {written} of {seen} accounts");
    if !look_alikes.is_empty() {
        summary.push_str(&format!(
            "\nthese handles look like an earlier account's and were left as they are: {}",
            look_alikes.join(", ")
        ));
    }
    Ok(summary)
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
        Err(e) => Err(format!(
            "{e}\nIs DynamoDB reachable at DYNAMODB_ENDPOINT={}? `make dev` starts DynamoDB Local.",
            config
                .dynamodb_endpoint
                .as_deref()
                .unwrap_or("(AWS default)")
        )),
    }
}
