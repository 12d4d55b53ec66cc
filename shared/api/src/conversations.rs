//! Direct messages, notes to self and group conversations: get-or-create by participant set,
//! and a group's name and people.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::ErrorCode;
use domain::api::ApiErrorResponse;
use domain::conversation::{
    AddParticipants, Conversation, ConversationKind, OpenConversation, Participants,
    RenameConversation, parse_group_name,
};
use domain::events::{MemberAction, ServerEvent};
use domain::message::SystemAction;
use domain::sidebar::SidebarConversation;
use domain::user::UserStatus;
use domain::{Parent, UserId};

use crate::access::{conversation_id, load_conversation};
use crate::audience::{publish, tell};
use crate::extract::{Caller, JsonBody, Path};
use crate::membership::{member_departed, members_changed, start_reading, system_message};
use crate::{ApiError, AppState};

/// Refuses ids that are not active users, naming the first.
async fn require_active_users(state: &AppState, ids: &[UserId]) -> Result<(), ApiError> {
    let found = state.store.users().batch_get(ids).await?;
    let missing = ids.iter().find(|id| {
        !found
            .iter()
            .any(|u| u.id == **id && u.status == UserStatus::Active)
    });
    match missing {
        Some(id) => Err(ApiError::bad_request(
            ErrorCode::UserNotFound,
            format!("no active user has the id {id}"),
        )),
        None => Ok(()),
    }
}

async fn sidebar_row(
    state: &AppState,
    conversation: Conversation,
    user: UserId,
) -> Result<SidebarConversation, ApiError> {
    let membership = state
        .store
        .memberships()
        .get(Parent::Conversation(conversation.id), user)
        .await?
        .ok_or_else(|| ApiError::internal("membership row missing for a participant"))?;
    Ok(SidebarConversation {
        conversation,
        membership,
    })
}

/// The conversation of exactly the caller and these people, made if needed (201) or found
/// (200): alone, notes to self; with one other, a direct message; with more, a group. Others
/// see it once it has a first message.
#[utoipa::path(post, path = "/api/v1/conversations", tag = "conversations", security(("bearer" = [])),
    request_body = OpenConversation,
    responses((status = 201, body = SidebarConversation), (status = 200, body = SidebarConversation),
        (status = 400, body = ApiErrorResponse)))]
pub async fn open(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(request): JsonBody<OpenConversation>,
) -> Result<(StatusCode, Json<SidebarConversation>), ApiError> {
    let people = Participants::parse(caller.id, &request.participant_ids)?;
    let name = request
        .name
        .as_deref()
        .map(parse_group_name)
        .transpose()?
        .flatten();
    let others: Vec<UserId> = people
        .ids()
        .iter()
        .copied()
        .filter(|id| *id != caller.id)
        .collect();
    require_active_users(&state, &others).await?;
    let (conversation, made) = state
        .store
        .conversations()
        .open(&people, caller.id, name)
        .await?;
    let mut row = sidebar_row(&state, conversation, caller.id).await?;
    let newly_shown = made || !row.membership.shows(&row.conversation);
    if !made && newly_shown {
        // Someone else made it and nobody has written yet: it is the caller's from now on.
        row.membership = state
            .store
            .memberships()
            .mark_opened(Parent::Conversation(row.conversation.id), caller.id)
            .await?
            .ok_or_else(crate::access::conversation_not_found)?;
    }
    if newly_shown {
        tell(
            &state,
            caller.id,
            &ServerEvent::SidebarConversation(row.clone()),
        )
        .await;
    }
    let status = if made {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(row)))
}

/// A conversation the caller is in.
#[utoipa::path(get, path = "/api/v1/conversations/{id}", tag = "conversations", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id")),
    responses((status = 200, body = Conversation), (status = 404, body = ApiErrorResponse)))]
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Conversation>, ApiError> {
    let id = conversation_id(&id)?;
    Ok(Json(load_conversation(&state, id, &caller).await?))
}

async fn load_group(state: &AppState, id: &str, caller: &Caller) -> Result<Conversation, ApiError> {
    let conversation = load_conversation(state, conversation_id(id)?, caller).await?;
    if conversation.kind != ConversationKind::Group {
        return Err(ApiError::bad_request(
            ErrorCode::NotAGroup,
            "only group conversations have a name and changing people; start a group instead",
        ));
    }
    Ok(conversation)
}

/// Names a group (an empty name clears it).
#[utoipa::path(patch, path = "/api/v1/conversations/{id}", tag = "conversations", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id")), request_body = RenameConversation,
    responses((status = 200, body = Conversation), (status = 400, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse)))]
pub async fn rename(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<RenameConversation>,
) -> Result<Json<Conversation>, ApiError> {
    let name = parse_group_name(&request.name)?;
    let group = load_group(&state, &id, &caller).await?;
    let group = state
        .store
        .conversations()
        .rename(group.id, name.as_deref())
        .await?
        .ok_or_else(crate::access::conversation_not_found)?;
    publish_update(&state, &group).await;
    Ok(Json(group))
}

/// Tells the participants who can see the conversation that it changed. Before its first
/// message, that is only those who opened it.
async fn publish_update(state: &AppState, conversation: &Conversation) {
    let event = ServerEvent::ConversationUpdated(conversation.clone());
    let parent = Parent::Conversation(conversation.id);
    if conversation.last_seq > 0 {
        return publish(state, parent, &event).await;
    }
    let memberships = state.store.memberships();
    let mut audience = Vec::new();
    for person in &conversation.participant_ids {
        match memberships.get(parent, *person).await {
            Ok(Some(row)) if row.opened => audience.push(*person),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, %parent, "cannot read a participant's row"),
        }
    }
    state.fanout.send(&event, &audience).await;
}

fn changed_meanwhile() -> ApiError {
    ApiError::conflict(
        ErrorCode::ConversationChanged,
        "this group changed meanwhile; reload and try again",
    )
}

/// Adds people to a group; they see it, and its history, at once.
#[utoipa::path(post, path = "/api/v1/conversations/{id}/participants", tag = "conversations", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id")), request_body = AddParticipants,
    responses((status = 200, body = Conversation), (status = 400, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn add_participants(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<AddParticipants>,
) -> Result<Json<Conversation>, ApiError> {
    let group = load_group(&state, &id, &caller).await?;
    let mut new: Vec<UserId> = request
        .user_ids
        .iter()
        .copied()
        .filter(|id| !group.participant_ids.contains(id))
        .collect();
    new.sort();
    new.dedup();
    if new.is_empty() {
        return Ok(Json(group));
    }
    let mut everyone = group.participant_ids.clone();
    everyone.extend(&new);
    Participants::parse(caller.id, &everyone)?;
    require_active_users(&state, &new).await?;
    let group = state
        .store
        .conversations()
        .add(&group, &new)
        .await?
        .ok_or_else(changed_meanwhile)?;
    let parent = Parent::Conversation(group.id);
    // The system messages come first: they make the group visible to everyone in it.
    for person in &new {
        let arrival = system_message(
            &state,
            parent,
            caller.id,
            SystemAction::Added,
            Some(*person),
        )
        .await;
        if let Some(arrival) = &arrival {
            start_reading(&state, parent, *person, arrival, false).await?;
        }
    }
    let group = state
        .store
        .conversations()
        .get(group.id)
        .await?
        .ok_or_else(crate::access::conversation_not_found)?;
    publish_update(&state, &group).await;
    for person in &new {
        let row = sidebar_row(&state, group.clone(), *person).await?;
        tell(&state, *person, &ServerEvent::SidebarConversation(row)).await;
        members_changed(&state, parent, *person, MemberAction::Added, None).await;
    }
    Ok(Json(group))
}

/// Leaves a group.
#[utoipa::path(post, path = "/api/v1/conversations/{id}/leave", tag = "conversations", security(("bearer" = [])),
    params(("id" = String, Path, description = "conversation id")),
    responses((status = 204), (status = 400, body = ApiErrorResponse),
        (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn leave(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let group = load_group(&state, &id, &caller).await?;
    let group: Conversation = state
        .store
        .conversations()
        .leave(&group, caller.id)
        .await?
        .ok_or_else(changed_meanwhile)?;
    let parent = Parent::Conversation(group.id);
    publish_update(&state, &group).await;
    member_departed(&state, parent, caller.id, caller.id).await;
    Ok(StatusCode::NO_CONTENT)
}
