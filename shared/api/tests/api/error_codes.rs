//! Every error the API tests receive is held to the codes its route lists in the OpenAPI
//! document (`x-error-codes`): a handler that starts answering a new code fails the test that
//! meets it until the code is declared (`shared/api/src/route_errors.rs`).

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde_json::Value;

/// A documented operation: its method, its path template's segments and its codes.
type Listed = (String, Vec<String>, BTreeSet<String>);

static LISTED: LazyLock<Vec<Listed>> = LazyLock::new(|| {
    let doc = serde_json::to_value(api::openapi()).unwrap();
    let mut listed = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let codes = operation[api::ERROR_CODES_EXTENSION]
                .as_array()
                .map(|codes| {
                    codes
                        .iter()
                        .map(|c| c.as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            let segments = path.split('/').map(str::to_string).collect();
            listed.push((method.to_uppercase(), segments, codes));
        }
    }
    listed
});

fn matches(template: &[String], path: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').collect();
    segments.len() == template.len()
        && template
            .iter()
            .zip(&segments)
            .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
}

/// Fails when `body` is an error whose code the route does not list. Calls to no documented
/// route may answer only `route_not_found` (or whatever a path outside the API gives).
pub fn check(method: &str, path: &str, body: &Value) {
    let Some(code) = body["error"]["code"].as_str() else {
        return;
    };
    let candidates: Vec<_> = LISTED
        .iter()
        .filter(|(m, template, _)| m == method && matches(template, path))
        .collect();
    if candidates.is_empty() {
        return;
    }
    assert!(
        candidates.iter().any(|(_, _, codes)| codes.contains(code)),
        "{method} {path} answered `{code}`, which its route does not list in the OpenAPI document; \
         declare it in shared/api/src/route_errors.rs"
    );
}
