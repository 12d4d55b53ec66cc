//! The API's routes as the web app's TypeScript (`web/src/api/routes.generated.ts`), rendered
//! from the OpenAPI document: the app builds every URL from one of these templates, so `tsc`
//! refuses a path the server does not have. The test fails when the committed file is stale.

use std::path::PathBuf;

const GENERATED_PATH: &str = "web/src/api/routes.generated.ts";

/// Every documented operation as `METHOD /path/{param}`, sorted.
fn routes() -> Vec<String> {
    let mut routes: Vec<String> = api::openapi()
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            [
                ("DELETE", &item.delete),
                ("GET", &item.get),
                ("HEAD", &item.head),
                ("OPTIONS", &item.options),
                ("PATCH", &item.patch),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("TRACE", &item.trace),
            ]
            .into_iter()
            .filter(|(_, operation)| operation.is_some())
            .map(move |(method, _)| format!("{method} {path}"))
        })
        .collect();
    routes.sort();
    routes
}

fn render() -> String {
    let mut out = String::from(
        "// Generated from the API's routes (`api::openapi()` in shared/api). Do not edit: run\n\
         // `UPDATE_TS=1 cargo test -p parley-api --test api routes` to regenerate.\n\n\
         export const API_ROUTES = [\n",
    );
    for route in routes() {
        out.push_str(&format!("  '{route}',\n"));
    }
    out.push_str("] as const;\n\nexport type ApiRoute = (typeof API_ROUTES)[number];\n");
    out
}

#[test]
fn web_routes_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(GENERATED_PATH);
    let rendered = render();
    if std::env::var_os("UPDATE_TS").is_some() {
        std::fs::write(&path, &rendered).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "{} is out of date with the API's routes: run `UPDATE_TS=1 cargo test -p parley-api --test api routes`",
        path.display()
    );
}
