//! Which error codes each route may answer, written into the OpenAPI document: every operation
//! gets `x-error-codes` (the codes' wire names) and a line in its description. Codes that follow
//! from an operation's shape are added from the shape (a JSON body can be malformed, a bearer
//! token revoked, a documented 429 is `rate_limited`); the rest are declared per handler in
//! `declared`. The API tests hold every error they receive to its route's list.

use domain::ErrorCode;
use utoipa::openapi::OpenApi;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::path::{Operation, ParameterIn, Paths};
use utoipa_axum::router::UtoipaMethodRouter;

use crate::AppState;

mod accounts;
mod messages;
mod places;

/// The extension naming an operation's codes.
pub const EXTENSION: &str = "x-error-codes";

/// Codes any route may answer: our failure, a dependency's, and a call that bypassed CloudFront
/// (when `EDGE_SECRET` is set).
const EVERY_ROUTE: &[ErrorCode] = &[
    ErrorCode::InternalError,
    ErrorCode::Unavailable,
    ErrorCode::NotThroughCloudfront,
];
const JSON_BODY: &[ErrorCode] = &[
    ErrorCode::MalformedJson,
    ErrorCode::InvalidBody,
    ErrorCode::BodyTooLarge,
    ErrorCode::UnsupportedMediaType,
];
const BEARER: &[ErrorCode] = &[
    ErrorCode::Unauthenticated,
    ErrorCode::InvalidToken,
    ErrorCode::SessionRevoked,
];

/// One handler's operation(s) and the codes its own work may answer.
struct Declared {
    paths: Paths,
    codes: &'static [ErrorCode],
}

fn on(route: UtoipaMethodRouter<AppState>, codes: &'static [ErrorCode]) -> Declared {
    Declared {
        paths: route.1,
        codes,
    }
}

/// The codes each handler answers beyond those of its shape, read from the handler and the
/// checks it calls, area by area. A channel route names the channel's codes, a conversation
/// route the conversation's: someone outside a conversation (or a private channel) is told it
/// does not exist.
fn declared() -> Vec<Declared> {
    [
        accounts::declared(),
        places::declared(),
        messages::declared(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The codes an operation of this shape answers whatever it does.
fn shape_codes(operation: &Operation) -> Vec<ErrorCode> {
    let mut codes = EVERY_ROUTE.to_vec();
    if operation.request_body.is_some() {
        codes.extend_from_slice(JSON_BODY);
    }
    let parameters = operation.parameters.iter().flatten();
    for parameter in parameters {
        match parameter.parameter_in {
            ParameterIn::Query => codes.push(ErrorCode::InvalidQuery),
            ParameterIn::Path => codes.push(ErrorCode::InvalidPath),
            _ => {}
        }
    }
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        codes.extend_from_slice(BEARER);
    }
    if operation.responses.responses.contains_key("429") {
        codes.push(ErrorCode::RateLimited);
    }
    codes
}

/// Writes each operation's codes into `doc`.
pub(crate) fn document(doc: &mut OpenApi) {
    for declared in declared() {
        for (path, item) in declared.paths.paths {
            let Some(target) = doc.paths.paths.get_mut(&path) else {
                continue;
            };
            for (theirs, ours) in operations(item).into_iter().zip(operations_mut(target)) {
                if let (Some(_), Some(operation)) = (theirs, ours) {
                    let mut codes = shape_codes(operation);
                    codes.extend_from_slice(declared.codes);
                    describe(operation, codes);
                }
            }
        }
    }
}

fn describe(operation: &mut Operation, mut codes: Vec<ErrorCode>) {
    codes.sort_by_key(|code| code.as_str());
    codes.dedup();
    let names: Vec<&str> = codes.iter().map(|code| code.as_str()).collect();
    let line = format!("Error codes: {}.", names.join(", "));
    operation.description = Some(match operation.description.take() {
        Some(text) if !text.is_empty() => format!("{text}\n\n{line}"),
        _ => line,
    });
    operation
        .extensions
        .get_or_insert_with(Extensions::default)
        .insert(EXTENSION.to_string(), serde_json::json!(names));
}

type Slots<T> = [T; 5];

fn operations(item: utoipa::openapi::PathItem) -> Slots<Option<Operation>> {
    [item.get, item.post, item.put, item.patch, item.delete]
}

fn operations_mut(item: &mut utoipa::openapi::PathItem) -> Slots<Option<&mut Operation>> {
    [
        item.get.as_mut(),
        item.post.as_mut(),
        item.put.as_mut(),
        item.patch.as_mut(),
        item.delete.as_mut(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documented() -> Vec<(String, Operation)> {
        let doc = crate::openapi();
        doc.paths
            .paths
            .into_iter()
            .flat_map(|(path, item)| {
                operations(item)
                    .into_iter()
                    .flatten()
                    .map(move |operation| (path.clone(), operation))
            })
            .collect()
    }

    #[test]
    fn every_operation_lists_its_codes() {
        let undeclared: Vec<String> = documented()
            .into_iter()
            .filter(|(_, operation)| {
                !operation
                    .extensions
                    .as_ref()
                    .is_some_and(|e| e.contains_key(EXTENSION))
            })
            .map(|(path, operation)| format!("{path} ({:?})", operation.operation_id))
            .collect();
        assert!(
            undeclared.is_empty(),
            "declare these routes' codes in route_errors::declared: {undeclared:?}"
        );
    }

    #[test]
    fn every_declaration_names_a_documented_route() {
        let paths: Vec<String> = documented().into_iter().map(|(path, _)| path).collect();
        for declared in declared() {
            for path in declared.paths.paths.keys() {
                assert!(paths.contains(path), "{path} is declared but not routed");
            }
        }
    }

    #[test]
    fn codes_follow_from_the_shape() {
        let doc = crate::openapi();
        let send = doc.paths.paths["/api/v1/channels/{id}/messages"]
            .post
            .as_ref()
            .unwrap();
        let listed = &send.extensions.as_ref().unwrap()[EXTENSION];
        for code in [
            "malformed_json",
            "unauthenticated",
            "invalid_path",
            "channel_archived",
        ] {
            assert!(
                listed.as_array().unwrap().iter().any(|c| c == code),
                "{code} missing from {listed}"
            );
        }
        let health = doc.paths.paths["/healthz"].get.as_ref().unwrap();
        let listed = &health.extensions.as_ref().unwrap()[EXTENSION];
        assert!(
            !listed
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "unauthenticated")
        );
    }
}
