//! Routes that exist for channels and conversations alike are declared once and served twice,
//! under `/api/v1/channels/{id}` and `/api/v1/conversations/{id}`: two thin handlers (each with
//! its own OpenAPI entry) that call one implementation with the kind of parent.

use domain::{Parent, ParentType};

use crate::ApiError;
use crate::access::{channel_not_found, conversation_not_found};

/// The parent a path's `{id}` names, for the kind of route it came through.
pub fn parent(kind: ParentType, id: &str) -> Result<Parent, ApiError> {
    Parent::from_parts(kind, id).ok_or_else(|| match kind {
        ParentType::Channel => channel_not_found(),
        ParentType::Conversation => conversation_not_found(),
    })
}

/// `parent_route! { doc; method "/suffix", tag = "tag", fn channel_fn, fn conversation_fn,
/// params(...), [request_body = T,] responses(...), inner(extractors...) -> Ret }`: the two
/// handlers' names are written out with `fn`, so a search for `fn channel_send` finds them.
macro_rules! parent_route {
    (
        $(#[doc = $doc:literal])*
        $method:ident $suffix:literal, tag = $tag:literal, fn $channel_fn:ident,
        fn $conversation_fn:ident,
        params($($params:tt)*),
        $(request_body = $body:ty,)?
        responses($($responses:tt)*),
        $inner:ident($($name:ident : $extractor:ty),*) -> $ret:ty
    ) => {
        $(#[doc = $doc])*
        #[utoipa::path($method, path = concat!("/api/v1/channels/{id}", $suffix), tag = $tag,
            security(("bearer" = [])),
            params(("id" = String, Path, description = "channel id"), $($params)*),
            $(request_body = $body,)?
            responses($($responses)*))]
        pub async fn $channel_fn(
            axum::extract::State(state): axum::extract::State<crate::AppState>,
            caller: crate::extract::Caller,
            $($name: $extractor),*
        ) -> $ret {
            $inner(&state, &caller, domain::ParentType::Channel, $($name),*).await
        }

        $(#[doc = $doc])*
        #[utoipa::path($method, path = concat!("/api/v1/conversations/{id}", $suffix), tag = $tag,
            security(("bearer" = [])),
            params(("id" = String, Path, description = "conversation id"), $($params)*),
            $(request_body = $body,)?
            responses($($responses)*))]
        pub async fn $conversation_fn(
            axum::extract::State(state): axum::extract::State<crate::AppState>,
            caller: crate::extract::Caller,
            $($name: $extractor),*
        ) -> $ret {
            $inner(&state, &caller, domain::ParentType::Conversation, $($name),*).await
        }
    };
}
pub(crate) use parent_route;
