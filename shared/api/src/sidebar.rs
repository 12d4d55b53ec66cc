//! The caller's sidebar: their channels and conversations with personal settings (favourite,
//! mute, category, order), read points, and their own categories. Every change goes to the
//! caller's other devices as an event.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::events::ServerEvent;
use domain::limits::CATEGORIES_MAX;
use domain::sidebar::{
    Category, CategoryName, CreateCategory, MarkRead, Membership, Sidebar, UpdateCategory,
    UpdateMembership, validate_position,
};
use domain::{CategoryId, Parent, UserId};
use store::categories::Change;

use crate::access::{channel_id, conversation_id, require_member};
use crate::audience::tell;
use crate::extract::{Caller, JsonBody, Path};
use crate::{ApiError, AppState};

/// Everything the sidebar shows, in one answer.
#[utoipa::path(get, path = "/api/v1/sidebar", tag = "sidebar", security(("bearer" = [])),
    responses((status = 200, body = Sidebar), (status = 401, body = ApiErrorResponse)))]
pub async fn sidebar(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Sidebar>, ApiError> {
    Ok(Json(state.store.sidebar().read(caller.id).await?))
}

fn category_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::CategoryNotFound, "no such category")
}

fn category_exists() -> ApiError {
    ApiError::conflict(
        ErrorCode::CategoryExists,
        "you already have a category of that name",
    )
}

async fn categories_changed(state: &AppState, user: UserId) -> Result<(), ApiError> {
    let categories = state.store.categories().list(user).await?;
    tell(state, user, &ServerEvent::SidebarCategories(categories)).await;
    Ok(())
}

/// Makes a category, placed last.
#[utoipa::path(post, path = "/api/v1/sidebar/categories", tag = "sidebar", security(("bearer" = [])),
    request_body = CreateCategory,
    responses((status = 201, body = Category), (status = 400, body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse)))]
pub async fn create_category(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<CreateCategory>,
) -> Result<(StatusCode, Json<Category>), ApiError> {
    let name = CategoryName::parse(&request.name)?;
    let categories = state.store.categories();
    let existing = categories.list(caller.id).await?;
    if existing.len() >= CATEGORIES_MAX {
        return Err(ApiError::conflict(
            ErrorCode::TooManyCategories,
            format!("you can have at most {CATEGORIES_MAX} categories"),
        ));
    }
    let last = existing.iter().map(|c| c.position).fold(0.0, f64::max);
    match categories.create(caller.id, &name, last + 1.0).await? {
        Change::Done(category) => {
            categories_changed(&state, caller.id).await?;
            Ok((StatusCode::CREATED, Json(category)))
        }
        Change::NameTaken => Err(category_exists()),
        Change::NotFound => Err(category_not_found()),
    }
}

fn category_id(text: &str) -> Result<CategoryId, ApiError> {
    text.parse().map_err(|_| category_not_found())
}

/// Renames or moves a category.
#[utoipa::path(patch, path = "/api/v1/sidebar/categories/{id}", tag = "sidebar", security(("bearer" = [])),
    params(("id" = String, Path, description = "category id")), request_body = UpdateCategory,
    responses((status = 200, body = Category), (status = 400, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn update_category(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<UpdateCategory>,
) -> Result<Json<Category>, ApiError> {
    let name = request
        .name
        .as_deref()
        .map(CategoryName::parse)
        .transpose()?;
    let position = request.position.map(validate_position).transpose()?;
    let categories = state.store.categories();
    let current = categories
        .get(caller.id, category_id(&id)?)
        .await?
        .ok_or_else(category_not_found)?;
    match categories
        .update(caller.id, &current, name.as_ref(), position)
        .await?
    {
        Change::Done(category) => {
            categories_changed(&state, caller.id).await?;
            Ok(Json(category))
        }
        Change::NameTaken => Err(category_exists()),
        Change::NotFound => Err(category_not_found()),
    }
}

/// Deletes a category; its rows go back to their usual sections.
#[utoipa::path(delete, path = "/api/v1/sidebar/categories/{id}", tag = "sidebar", security(("bearer" = [])),
    params(("id" = String, Path, description = "category id")),
    responses((status = 204), (status = 404, body = ApiErrorResponse)))]
pub async fn delete_category(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let categories = state.store.categories();
    let current = categories
        .get(caller.id, category_id(&id)?)
        .await?
        .ok_or_else(category_not_found)?;
    if !categories.delete(caller.id, &current).await? {
        return Err(category_not_found());
    }
    categories_changed(&state, caller.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn update_membership(
    state: &AppState,
    caller: &Caller,
    parent: Parent,
    change: UpdateMembership,
) -> Result<Json<Membership>, ApiError> {
    if let Some(position) = change.position {
        validate_position(position)?;
    }
    require_member(state, parent, caller).await?;
    if let Some(Some(category)) = change.category_id
        && state
            .store
            .categories()
            .get(caller.id, category)
            .await?
            .is_none()
    {
        return Err(category_not_found());
    }
    let row = state
        .store
        .memberships()
        .update(parent, caller.id, &change)
        .await?
        .ok_or_else(|| {
            ApiError::conflict(ErrorCode::NotAMember, "you are no longer a member here")
        })?;
    tell(
        state,
        caller.id,
        &ServerEvent::SidebarMembership(row.clone()),
    )
    .await;
    Ok(Json(row))
}

async fn mark_read(
    state: &AppState,
    caller: &Caller,
    parent: Parent,
    read: MarkRead,
) -> Result<Json<Membership>, ApiError> {
    require_member(state, parent, caller).await?;
    // Never past the newest message: later messages must still count as unread.
    let newest = match parent {
        Parent::Channel(id) => state.store.channels().get(id).await?.map(|c| c.last_seq),
        Parent::Conversation(id) => state
            .store
            .conversations()
            .get(id)
            .await?
            .map(|c| c.last_seq),
    }
    .unwrap_or(0);
    let row = state
        .store
        .memberships()
        .mark_read(parent, caller.id, read.seq.min(newest), read.seq >= newest)
        .await?
        .ok_or_else(|| {
            ApiError::conflict(ErrorCode::NotAMember, "you are no longer a member here")
        })?;
    tell(
        state,
        caller.id,
        &ServerEvent::SidebarMembership(row.clone()),
    )
    .await;
    Ok(Json(row))
}

/// Favourite, mute, category (`null` to take it out) and position of a channel's row.
#[utoipa::path(patch, path = "/api/v1/channels/{id}/membership", tag = "sidebar", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")), request_body = UpdateMembership,
    responses((status = 200, body = Membership), (status = 400, body = ApiErrorResponse),
        (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn update_channel_membership(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(change): JsonBody<UpdateMembership>,
) -> Result<Json<Membership>, ApiError> {
    update_membership(&state, &caller, Parent::Channel(channel_id(&id)?), change).await
}

/// Favourite, mute, category (`null` to take it out) and position of a conversation's row.
#[utoipa::path(patch, path = "/api/v1/conversations/{id}/membership", tag = "sidebar", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id")), request_body = UpdateMembership,
    responses((status = 200, body = Membership), (status = 400, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn update_conversation_membership(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(change): JsonBody<UpdateMembership>,
) -> Result<Json<Membership>, ApiError> {
    update_membership(
        &state,
        &caller,
        Parent::Conversation(conversation_id(&id)?),
        change,
    )
    .await
}

/// Moves the caller's read point in a channel forward (never back).
#[utoipa::path(post, path = "/api/v1/channels/{id}/read", tag = "sidebar", security(("bearer" = [])),
    params(("id" = String, Path, description = "channel id")), request_body = MarkRead,
    responses((status = 200, body = Membership), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn read_channel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(read): JsonBody<MarkRead>,
) -> Result<Json<Membership>, ApiError> {
    mark_read(&state, &caller, Parent::Channel(channel_id(&id)?), read).await
}

/// Moves the caller's read point in a conversation forward (never back).
#[utoipa::path(post, path = "/api/v1/conversations/{id}/read", tag = "sidebar", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id")), request_body = MarkRead,
    responses((status = 200, body = Membership), (status = 404, body = ApiErrorResponse)))]
pub async fn read_conversation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(read): JsonBody<MarkRead>,
) -> Result<Json<Membership>, ApiError> {
    mark_read(
        &state,
        &caller,
        Parent::Conversation(conversation_id(&id)?),
        read,
    )
    .await
}

crate::parent_route::parent_route! {
    /// Marks the conversation unread from this message on: the read point moves back to just
    /// before it (on every device).
    post "/messages/{messageId}/unread", tag = "sidebar",
    fn channel_unread, fn conversation_unread,
    params(("messageId" = String, Path, description = "a top-level message")),
    responses((status = 200, body = Membership), (status = 403, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)),
    mark_unread(path: Path<(String, String)>) -> Result<Json<Membership>, ApiError>
}

async fn mark_unread(
    state: &AppState,
    caller: &Caller,
    kind: domain::ParentType,
    Path((id, message)): Path<(String, String)>,
) -> Result<Json<Membership>, ApiError> {
    let parent = crate::parent_route::parent(kind, &id)?;
    let message = crate::message_target::message_id(&message)?;
    require_member(state, parent, caller).await?;
    let message = state
        .store
        .messages()
        .get(parent, None, message)
        .await?
        .ok_or_else(crate::message_target::message_not_found)?;
    let row = state
        .store
        .memberships()
        .set_read(parent, caller.id, message.seq.saturating_sub(1))
        .await?
        .ok_or_else(|| {
            ApiError::conflict(ErrorCode::NotAMember, "you are no longer a member here")
        })?;
    tell(
        state,
        caller.id,
        &ServerEvent::SidebarMembership(row.clone()),
    )
    .await;
    Ok(Json(row))
}
