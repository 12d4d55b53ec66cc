// Generated from the Rust types in shared/domain. Do not edit: run
// `UPDATE_TS=1 cargo test -p parley-domain typescript` to regenerate.

export type Role = "admin" | "member" | "guest";
export type UserStatus = "active" | "deactivated";
export type User = { id: string, email: string, displayName: string, role: Role, status: UserStatus, createdAt: string, };
export type UserView = { id: string, displayName: string, };
export type ChannelType = "public" | "private";
export type ChannelRole = "member" | "admin" | "owner";
export type Channel = { id: string, name: string, slug: string, description: string, type: ChannelType, createdBy: string, archived: boolean, createdAt: string, };
export type MyChannel = { channelID: string, name: string, slug: string, type: ChannelType, role: ChannelRole, joinedAt: string, };
export type ParentType = "channel" | "conversation";
export type Message = { id: string, 
/**
 * The channel or conversation id (a ULID, as text).
 */
parentID: string, parentType: ParentType, authorID: string, body: string, 
/**
 * Position in the parent, 1, 2, 3...: unread counts are the parent's last seq minus the
 * reader's.
 */
seq: number, createdAt: string, 
/**
 * The sender's idempotency key, echoed so the sender can match its optimistic copy.
 */
clientNonce: string | null, };
export type MessagePage = { items: Array<Message>, hasMoreOlder: boolean, hasMoreNewer: boolean, 
/**
 * Pass as `before` for the page just older than this one.
 */
olderCursor: string | null, 
/**
 * Pass as `after` for the page just newer than this one.
 */
newerCursor: string | null, };
export type SendMessage = { body: string, clientNonce?: string, };
export type TokenResponse = { accessToken: string, 
/**
 * Seconds until the access token expires.
 */
expiresIn: number, user: User, };
export type ClientConfig = { wsUrl: string, version: string, };
export type WsTicket = { ticket: string, expiresIn: number, };
export type UsersBatch = { ids: Array<string>, };
export type ErrorBody = { code: string, message: string, };
export type ApiErrorResponse = { error: ErrorBody, };
export type ServerEvent = { "type": "message.new", "data": Message } | { "type": "pong", "data": { ts: number, } } | { "type": "error", "data": ErrorBody };
export type ClientFrame = { "type": "ping" };
