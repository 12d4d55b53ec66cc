//! Search: messages and files by what they say and the filters of the query language
//! (`search` crate), people and channels by name. Every search reads only what the searcher
//! may see: the index partitions of the places they are in, and the message as it stands now.

mod messages;
mod names;
mod scope;
mod walk;

use axum::Json;
use axum::extract::State;
use domain::api::ApiErrorResponse;
use domain::channel::ChannelPage;
use domain::limits::{DIRECTORY_SEARCH_MAX_CHARS, SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX};
use domain::search::{FileHitPage, MessageHitPage, SearchSort};
use domain::user::UserPage;
use domain::{ErrorCode, UserId};
use search::{Analyzer, QueryErrorKind};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::extract::{Caller, Query};
use crate::paging::limit;
use crate::{ApiError, AppState};

use self::messages::Plan;
use self::names::Typed;
use self::scope::Scope;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MessageSearchParams {
    /// What to find: words (all must match; the last also as a prefix unless followed by a
    /// space), "quoted phrases", and filters: `from:@handle`, `in:#channel`, `in:@handle`,
    /// `has:file`, `has:link`, `has:pin`, `is:thread`, `before:`/`after:`/`on:` a day
    /// (`YYYY-MM-DD`, `today`, `yesterday`, in the searcher's time zone), `mentions:@me`.
    q: String,
    /// `newest` (the default) or `relevance`.
    #[serde(default)]
    sort: SearchSort,
    /// A page's `nextCursor`.
    cursor: Option<String>,
    /// 1 to 50; 20 when absent.
    limit: Option<usize>,
}

/// Messages the searcher may see that match the query, newest or best first, each with the
/// part to show and its matched words marked.
#[utoipa::path(get, path = "/api/v1/search/messages", tag = "search", security(("bearer" = [])),
    params(MessageSearchParams),
    responses((status = 200, body = MessageHitPage), (status = 400, body = ApiErrorResponse)))]
pub async fn search_messages(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<MessageSearchParams>,
) -> Result<Json<MessageHitPage>, ApiError> {
    let limit = limit(params.limit, SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX)?;
    let plan = plan(&state, &caller, &params.q).await?;
    let page =
        messages::messages(&state, &plan, params.sort, params.cursor.as_deref(), limit).await?;
    Ok(Json(page))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FileSearchParams {
    /// Words of the file's name (its extension is one: `pdf`), and the same filters as a
    /// message search.
    q: String,
    /// A page's `nextCursor`.
    cursor: Option<String>,
    /// 1 to 50; 20 when absent.
    limit: Option<usize>,
}

/// Files shared where the searcher is, whose names match the query, newest first.
#[utoipa::path(get, path = "/api/v1/search/files", tag = "search", security(("bearer" = [])),
    params(FileSearchParams),
    responses((status = 200, body = FileHitPage), (status = 400, body = ApiErrorResponse)))]
pub async fn search_files(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<FileSearchParams>,
) -> Result<Json<FileHitPage>, ApiError> {
    let limit = limit(params.limit, SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX)?;
    let plan = plan(&state, &caller, &params.q).await?;
    let page = messages::files(&state, &plan, params.cursor.as_deref(), limit).await?;
    Ok(Json(page))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NameSearchParams {
    /// The start of a name's words, of a handle or slug (`@` and `#` optional), or, for
    /// admins, of an email address.
    q: String,
    /// Channels only: include archived ones (the searcher's own; others are gone).
    #[serde(default)]
    archived: bool,
}

/// People of the workspace by name, handle (or, for admins, email), best first; at most 20.
#[utoipa::path(get, path = "/api/v1/search/people", tag = "search", security(("bearer" = [])),
    params(NameSearchParams),
    responses((status = 200, body = UserPage), (status = 400, body = ApiErrorResponse)))]
pub async fn search_people(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<NameSearchParams>,
) -> Result<Json<UserPage>, ApiError> {
    let typed = typed(&params.q)?;
    Ok(Json(UserPage {
        items: names::people(&state, &caller, &typed).await?,
        next_cursor: None,
    }))
}

/// Channels the searcher may see (public ones, and their own private ones) by name or
/// purpose, best first; at most 20.
#[utoipa::path(get, path = "/api/v1/search/channels", tag = "search", security(("bearer" = [])),
    params(NameSearchParams),
    responses((status = 200, body = ChannelPage), (status = 400, body = ApiErrorResponse)))]
pub async fn search_channels(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<NameSearchParams>,
) -> Result<Json<ChannelPage>, ApiError> {
    let typed = typed(&params.q)?;
    Ok(Json(ChannelPage {
        items: names::channels(&state, &caller, &typed, params.archived).await?,
        next_cursor: None,
    }))
}

/// Parses the query in the searcher's language and time zone and works out what it may read.
async fn plan(state: &AppState, caller: &Caller, q: &str) -> Result<Plan, ApiError> {
    let (settings, zone) = tokio::try_join!(
        async { Ok::<_, ApiError>(state.store.workspace().settings().await?) },
        zone_of(state, caller.id),
    )?;
    let analyzer = Analyzer::new(settings.search_language);
    let today = jiff::Timestamp::now().to_zoned(zone.clone()).date();
    let query = search::parse(q, &analyzer, today).map_err(|e| {
        let code = match e.kind {
            QueryErrorKind::Empty => ErrorCode::SearchQueryEmpty,
            QueryErrorKind::TooLong => ErrorCode::SearchQueryTooLong,
            QueryErrorKind::BadFilter => ErrorCode::InvalidSearchFilter,
            QueryErrorKind::BadDate => ErrorCode::InvalidSearchDate,
        };
        ApiError::bad_request(code, e.message)
    })?;
    let scope = Scope::of(state, caller, &query.filters, &zone).await?;
    Ok(Plan {
        query,
        analyzer,
        scope,
    })
}

/// The searcher's time zone (UTC when they have not set one), for the days of `on:` & co.
async fn zone_of(state: &AppState, user: UserId) -> Result<jiff::tz::TimeZone, ApiError> {
    let name = state
        .store
        .users()
        .get(user)
        .await?
        .and_then(|u| u.time_zone);
    Ok(name
        .and_then(|n| jiff::tz::TimeZone::get(&n).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC))
}

fn typed(q: &str) -> Result<Typed, ApiError> {
    let trimmed = q.trim();
    if trimmed.trim_start_matches(['@', '#']).is_empty() {
        return Err(ApiError::bad_request(
            ErrorCode::SearchQueryEmpty,
            "Type the start of a name to search for.",
        ));
    }
    if trimmed.chars().count() > DIRECTORY_SEARCH_MAX_CHARS {
        return Err(ApiError::bad_request(
            ErrorCode::SearchQueryTooLong,
            format!("A name search has at most {DIRECTORY_SEARCH_MAX_CHARS} characters."),
        ));
    }
    Ok(Typed::new(trimmed))
}
