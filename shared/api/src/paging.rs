//! What every list route shares: the page size a client may ask for, and the refusal of a
//! cursor we did not give out.

use domain::ErrorCode;
use domain::limits::{DIRECTORY_PAGE_DEFAULT, DIRECTORY_PAGE_MAX};

use crate::ApiError;

/// A page size from a query string: `default` when absent, refused outside 1 to `max`.
pub fn limit(requested: Option<usize>, default: usize, max: usize) -> Result<usize, ApiError> {
    let limit = requested.unwrap_or(default);
    if (1..=max).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::bad_request(
            ErrorCode::InvalidLimit,
            format!("limit must be between 1 and {max}"),
        ))
    }
}

/// A page size for the directories (channels, members, people, invites).
pub fn page_limit(requested: Option<usize>) -> Result<usize, ApiError> {
    limit(requested, DIRECTORY_PAGE_DEFAULT, DIRECTORY_PAGE_MAX)
}

pub fn invalid_cursor() -> ApiError {
    ApiError::bad_request(
        ErrorCode::InvalidCursor,
        "that cursor is not one we gave out",
    )
}
