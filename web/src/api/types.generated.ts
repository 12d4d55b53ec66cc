// Generated from the Rust types in shared/domain. Do not edit: run
// `UPDATE_TS=1 cargo test -p parley-domain typescript` to regenerate.

export type Role = "admin" | "member" | "guest";
export type UserStatus = "active" | "deactivated";
export type User = { id: string, email: string, displayName: string, role: Role, status: UserStatus, createdAt: string, };
export type UserView = { id: string, displayName: string, };
export type UserPage = { items: Array<UserView>, nextCursor: string | null, };
export type ChannelType = "public" | "private";
export type ChannelRole = "member" | "admin" | "owner";
export type Channel = { id: string, name: string, slug: string, description: string, type: ChannelType, createdBy: string, 
/**
 * Archived channels stay readable to their members, and nobody can write in them.
 */
archived: boolean, createdAt: string, 
/**
 * The newest message's sequence number (0 before the first message).
 */
lastSeq: number, lastMessageAt: string | null, };
export type CreateChannel = { name: string, type?: ChannelType, description?: string, };
export type UpdateChannel = { name?: string, description?: string, };
export type ChannelPage = { items: Array<Channel>, 
/**
 * Pass as `cursor` for the next page; absent on the last page.
 */
nextCursor: string | null, };
export type Member = { userID: string, role: ChannelRole, joinedAt: string, };
export type MemberPage = { items: Array<Member>, nextCursor: string | null, };
export type AddMember = { userID: string, 
/**
 * `member` when absent.
 */
role?: ChannelRole, };
export type ChangeRole = { role: ChannelRole, };
export type ConversationKind = "notes" | "direct" | "group";
export type Conversation = { id: string, kind: ConversationKind, 
/**
 * A group's name, if someone gave it one; otherwise clients list the participants.
 */
name: string | null, participantIDs: Array<string>, createdBy: string, createdAt: string, lastSeq: number, lastMessageAt: string | null, };
export type OpenConversation = { participantIDs: Array<string>, 
/**
 * Only used when a new group is made.
 */
name?: string, };
export type RenameConversation = { 
/**
 * An empty name clears it.
 */
name: string, };
export type AddParticipants = { userIDs: Array<string>, };
export type ParentType = "channel" | "conversation";
export type Membership = { parentID: string, parentType: ParentType, 
/**
 * Always `member` in conversations.
 */
role: ChannelRole, joinedAt: string, favorite: boolean, muted: boolean, categoryID: string | null, 
/**
 * Order inside its section, smallest first; drag and drop puts a row between two others.
 */
position: number, 
/**
 * The last message (by sequence number) the user has read.
 */
lastReadSeq: number, 
/**
 * Conversations only: the user opened it themselves, so it shows before its first message.
 */
opened: boolean, };
export type SidebarChannel = { channel: Channel, membership: Membership, };
export type SidebarConversation = { conversation: Conversation, membership: Membership, };
export type Category = { id: string, name: string, position: number, createdAt: string, };
export type Sidebar = { channels: Array<SidebarChannel>, 
/**
 * Most recent first.
 */
conversations: Array<SidebarConversation>, 
/**
 * By position.
 */
categories: Array<Category>, };
export type UpdateMembership = { favorite?: boolean, muted?: boolean, categoryID?: string | null, position?: number, };
export type MarkRead = { 
/**
 * The sequence number of the newest message the user has seen.
 */
seq: number, };
export type CreateCategory = { name: string, };
export type UpdateCategory = { name?: string, position?: number, };
export type SystemAction = "joined" | "left" | "added" | "removed";
export type SystemNote = { action: SystemAction, targetID: string | null, };
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
clientNonce: string | null, 
/**
 * Set on messages the system writes (joins, leaves, adds, removes); the author is the
 * person who acted, and the body is empty.
 */
system: SystemNote | null, };
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
export type MemberAction = "joined" | "left" | "added" | "removed" | "role";
export type MembersChanged = { parentID: string, parentType: ParentType, userID: string, action: MemberAction, 
/**
 * The role after the change; absent when the user is no longer a member.
 */
role: ChannelRole | null, };
export type SidebarRemoved = { parentID: string, parentType: ParentType, };
export type ServerEvent = { "type": "message.new", "data": Message } | { "type": "channel.updated", "data": Channel } | { "type": "conversation.updated", "data": Conversation } | { "type": "members.changed", "data": MembersChanged } | { "type": "sidebar.channel", "data": SidebarChannel } | { "type": "sidebar.conversation", "data": SidebarConversation } | { "type": "sidebar.removed", "data": SidebarRemoved } | { "type": "sidebar.membership", "data": Membership } | { "type": "sidebar.categories", "data": Array<Category> } | { "type": "pong", "data": { ts: number, } } | { "type": "error", "data": ErrorBody };
export type ClientFrame = { "type": "ping" };
