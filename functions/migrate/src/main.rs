//! Table creation for development, and (later) backfills. Runs as a CLI
//! (`migrate ensure-table`) or as a Lambda taking `{"command": "..."}`. Every command that
//! writes is a dry run unless told `--apply`.

use config::Config;
use serde::Deserialize;
use store::Store;
use store::schema::Ensured;

#[derive(Debug, Deserialize)]
struct Invocation {
    command: String,
}

const USAGE: &str = "usage: migrate ensure-table\n\n  ensure-table  create the DynamoDB table (development only; a no-op when it exists)";

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    api::telemetry::init();
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
        return lambda_runtime::run(lambda_runtime::service_fn(
            |event: lambda_runtime::LambdaEvent<Invocation>| async move {
                run(&event.payload.command)
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
    match run(command).await {
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

async fn run(command: &str) -> Result<String, String> {
    match command {
        "ensure-table" => ensure_table().await,
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
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
