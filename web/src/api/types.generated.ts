// Generated from shared/domain (the Rust types, and src/limits.rs for the limits). Do not
// edit: run `UPDATE_TS=1 cargo test -p parley-domain typescript` to regenerate.

export type Role = "admin" | "member" | "guest";
export type UserStatus = "active" | "deactivated";
export type AuthProvider = "oidc" | "password";
export type Theme = "system" | "light" | "dark";
export type CustomStatus = { 
/**
 * A standard emoji, or empty.
 */
emoji: string, 
/**
 * At most 64 characters, or empty (not both empty).
 */
text: string, 
/**
 * When it clears itself; it stays until changed when absent.
 */
clearAt: string | null, };
export type SetCustomStatus = { 
/**
 * A standard emoji (🌴) or its shortcode (`:palm_tree:`), or empty.
 */
emoji: string, 
/**
 * At most 64 characters, or empty; not both empty.
 */
text: string, 
/**
 * RFC 3339; in the next 30 days. Absent: the status stays until changed.
 */
clearAt?: string, };
export type UpdateProfile = { 
/**
 * 1 to 80 characters. Accounts that sign in through the identity provider take their
 * name from it and cannot set one.
 */
displayName?: string, 
/**
 * An IANA name (`Europe/Paris`); an empty string forgets it.
 */
timeZone?: string, 
/**
 * `system`, `light` or `dark`.
 */
theme?: Theme, };
export type User = { id: string, email: string, displayName: string, 
/**
 * What others type after `@` to mention this person; unique.
 */
handle: string, role: Role, status: UserStatus, provider: AuthProvider, createdAt: string, 
/**
 * Shown beside the name until its `clearAt` (named apart from `status`, the account's).
 */
customStatus: CustomStatus | null, 
/**
 * An IANA name, such as `Europe/Paris`.
 */
timeZone: string | null, 
/**
 * Their picture (`GET /api/v1/users/{id}/avatar` gives a URL); `None`: a coloured tile.
 */
avatar: string | null, 
/**
 * How the app looks for them on every device they use.
 */
theme: Theme, };
export type UserView = { id: string, displayName: string, handle: string, 
/**
 * A deactivated account still shows (as the author of its messages, in member lists),
 * marked so, but cannot be messaged, mentioned or added anywhere.
 */
deactivated: boolean, 
/**
 * Their custom status, unless none is set or it has cleared itself.
 */
status: CustomStatus | null, 
/**
 * An IANA name, such as `Europe/Paris`, to show their local time.
 */
timeZone: string | null, 
/**
 * Their picture, if they set one; it changes id when they change it.
 */
avatar: string | null, };
export type UserPage = { items: Array<UserView>, nextCursor: string | null, };
export type ChangeHandle = { 
/**
 * 2 to 48 lower-case letters, digits, `.`, `_` or `-`.
 */
handle: string, };
export type SetAvatar = { uploadID: string, };
export type AdminUserPage = { items: Array<User>, nextCursor: string | null, };
export type ChangeUserRole = { role: Role, };
export type ChangeUserStatus = { status: UserStatus, };
export type InvitePolicy = "everyone" | "admins";
export type WorkspaceSettings = { name: string, 
/**
 * The largest file a person may upload, in bytes.
 */
maxUploadBytes: number, 
/**
 * File name extensions that may be uploaded: lower case, without the dot.
 */
allowedFileTypes: Array<string>, invitePolicy: InvitePolicy, 
/**
 * The language search stems and drops stop words for. A change applies to messages
 * indexed from then on; `migrate reindex-search --apply` re-indexes the older ones.
 */
searchLanguage: Language, };
export type UpdateWorkspaceSettings = { 
/**
 * 1 to 80 characters.
 */
name: string, 
/**
 * 1 KiB to 5 GiB.
 */
maxUploadBytes: number, 
/**
 * Extensions such as `pdf` or `.PDF` (stored lower case, without the dot, once each).
 */
allowedFileTypes: Array<string>, invitePolicy: InvitePolicy, 
/**
 * `none` when absent.
 */
searchLanguage?: Language, };
export type CreateInvite = { email: string, 
/**
 * Channels the inviter is in; #general comes with every invite. At most 20.
 */
channelIDs: Array<string>, };
export type Invite = { id: string, email: string, channelIDs: Array<string>, invitedBy: string, createdAt: string, expiresAt: string, };
export type InvitePage = { items: Array<Invite>, nextCursor: string | null, };
export type InviteToken = { token: string, };
export type InvitePreview = { email: string, workspaceName: string, 
/**
 * The inviter's display name.
 */
invitedBy: string, 
/**
 * Names of the channels the account will be in, #general first.
 */
channels: Array<string>, expiresAt: string, };
export type AcceptInvite = { token: string, 
/**
 * 1 to 80 characters.
 */
displayName: string, 
/**
 * At least 8 characters, at most 1024 bytes.
 */
password: string, };
export type PasswordLogin = { email: string, password: string, };
export type ForgotPassword = { email: string, };
export type ResetPassword = { token: string, password: string, };
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
opened: boolean, 
/**
 * Messages mentioning the user by handle since they last caught up.
 */
mentionCount: number, 
/**
 * Which notifications this place gives the user; `null` follows their own setting.
 */
notifyLevel: NotifyLevel | null, };
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
export type UpdateMembership = { favorite?: boolean, muted?: boolean, categoryID?: string | null, position?: number, 
/**
 * This place's notification level; `null` follows the user's own setting again.
 */
notifyLevel?: NotifyLevel | null, };
export type MarkRead = { 
/**
 * The sequence number of the newest message the user has seen.
 */
seq: number, };
export type MarkAllRead = Record<string, never>;
export type MarkedAllRead = { memberships: Array<Membership>, };
export type CreateCategory = { name: string, };
export type UpdateCategory = { name?: string, position?: number, };
export type SystemAction = "joined" | "left" | "added" | "removed";
export type SystemNote = { action: SystemAction, targetID: string | null, };
export type ImageMeta = { width: number, height: number, 
/**
 * An animated GIF or WebP: shown as such, its thumbnail is its first frame.
 */
animated: boolean, 
/**
 * The thumbnail's type (`image/jpeg`, or `image/png` for images with transparency);
 * `None` when the image is small enough to be its own thumbnail.
 */
thumbnailType: string | null, };
export type Attachment = { id: string, name: string, size: number, 
/**
 * What the bytes are (checked on attach), not only what the browser said.
 */
contentType: string, 
/**
 * Set for images shown in the app (PNG, JPEG, GIF, WebP): their size is known before they
 * load, so the message list does not jump.
 */
image: ImageMeta | null, };
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
system: SystemNote | null, 
/**
 * Set on thread replies: the top-level message they answer. A reply's `seq` is its place
 * in the thread (1, 2, 3...); replies do not move the parent's unread count.
 */
threadRootID: string | null, editedAt: string | null, 
/**
 * A deleted message keeps its place (and its thread) with an empty body.
 */
deleted: boolean, 
/**
 * On thread roots: how many replies, the newest reply's time, and up to three of the
 * latest repliers (newest last).
 */
replyCount: number, lastReplyAt: string | null, recentReplierIDs: Array<string>, 
/**
 * Emoji → who reacted with it.
 */
reactions: { [key in string]?: Array<string> }, pinnedAt: string | null, pinnedBy: string | null, 
/**
 * The people `@handle` mentions in the body resolved to (members or not).
 */
mentionIDs: Array<string>, 
/**
 * `@all` (every member) and `@here` (every member online).
 */
mentionsAll: boolean, mentionsHere: boolean, 
/**
 * Files shared with the message, in the order they were attached; gone once it is deleted.
 */
attachments: Array<Attachment>, };
export type EditMessage = { body: string, };
export type MessageVersion = { body: string, writtenAt: string, };
export type MessageHistory = { items: Array<MessageVersion>, };
export type PinMessage = { pinned: boolean, };
export type MessageDeleted = { id: string, parentID: string, parentType: ParentType, threadRootID: string | null, };
export type ThreadPage = { root: Message, replies: Array<Message>, 
/**
 * Pass as `after` for the replies that follow; absent when there are none yet.
 */
nextCursor: string | null, 
/**
 * Whether the caller follows the thread (gets notified of replies).
 */
following: boolean, };
export type React = { 
/**
 * The emoji itself (👍) or its shortcode (`:thumbsup:`).
 */
emoji: string, };
export type FollowThread = { following: boolean, };
export type ThreadSummary = { root: Message, 
/**
 * Replies the caller has read (the thread's `seq` they last saw).
 */
lastReadReply: number, };
export type Draft = { parentID: string, parentType: ParentType, threadRootID: string | null, body: string, 
/**
 * When the text was typed, by the typing device's clock: the newer edit wins.
 */
editedAt: string, };
export type SaveDraft = { parentID: string, parentType: ParentType, threadRootID?: string, body: string, editedAt: string, };
export type PresenceStatus = "online" | "away" | "offline";
export type Presence = { userID: string, status: PresenceStatus, };
export type PresenceSubscribed = { 
/**
 * The subscription's `version`, so a client that has sent a newer one ignores this.
 */
version: number, statuses: Array<Presence>, };
export type Typing = { userID: string, parentID: string, parentType: ParentType, threadRootID: string | null, };
export type NotificationKind = "message" | "mention" | "thread_reply";
export type Notification = { kind: NotificationKind, parentID: string, parentType: ParentType, messageID: string, threadRootID: string | null, authorID: string, 
/**
 * The start of the message, one line, at most 140 characters.
 */
excerpt: string, createdAt: string, };
export type NotifyLevel = "all" | "mentions" | "nothing";
export type NotificationSettings = { level: NotifyLevel, 
/**
 * Show browser (desktop) notifications, not only in-app ones.
 */
desktop: boolean, sound: boolean, 
/**
 * Mail a mention or a direct message that came while one was away (no app open for a
 * while), at most one mail per 15 minutes. Absent: yes.
 */
email?: boolean, };
export type MessagePage = { items: Array<Message>, hasMoreOlder: boolean, hasMoreNewer: boolean, 
/**
 * Pass as `before` for the page just older than this one.
 */
olderCursor: string | null, 
/**
 * Pass as `after` for the page just newer than this one.
 */
newerCursor: string | null, };
export type SendMessage = { body: string, clientNonce?: string, 
/**
 * Makes the message a reply in this top-level message's thread.
 */
threadRootID?: string, 
/**
 * Uploads to attach (`POST /api/v1/uploads`), at most 10; the body may then be empty.
 */
attachmentIDs?: Array<string>, };
export type CreateUpload = { name: string, size: number, 
/**
 * The type the browser gives the file; empty when it does not know.
 */
contentType: string, 
/**
 * The SHA-256 of the bytes, 64 hex digits: S3 refuses a body that does not have it.
 */
sha256: string, };
export type UploadHeader = { name: string, value: string, };
export type UploadGrant = { uploadID: string, url: string, headers: Array<UploadHeader>, expiresAt: string, };
export type FileEntry = { file: Attachment, messageID: string, 
/**
 * Set when the message is a thread reply.
 */
threadRootID: string | null, authorID: string, createdAt: string, };
export type FilePage = { items: Array<FileEntry>, nextCursor: string | null, };
export type FileView = "download" | "preview" | "thumbnail";
export type FileUrl = { url: string, expiresAt: string, };
export type Language = "none" | "arabic" | "danish" | "dutch" | "english" | "finnish" | "french" | "german" | "greek" | "hungarian" | "italian" | "norwegian" | "portuguese" | "romanian" | "russian" | "spanish" | "swedish" | "tamil" | "turkish";
export type Segment = { text: string, hit: boolean, };
export type SearchSort = "newest" | "relevance";
export type MessageHit = { message: Message, snippet: Array<Segment>, };
export type MessageHitPage = { items: Array<MessageHit>, 
/**
 * Pass as `cursor` for more; absent when there are no more. A page may hold fewer items
 * than asked and still have a cursor: each page reads a bounded part of the index.
 */
nextCursor: string | null, };
export type FileHit = { parentID: string, parentType: ParentType, 
/**
 * The file's name in pieces, the matched ones marked.
 */
name: Array<Segment>, file: Attachment, messageID: string, 
/**
 * Set when the message is a thread reply.
 */
threadRootID: string | null, authorID: string, createdAt: string, };
export type FileHitPage = { items: Array<FileHit>, nextCursor: string | null, };
export type TokenResponse = { accessToken: string, 
/**
 * Seconds until the access token expires.
 */
expiresIn: number, user: User, };
export type ClientConfig = { wsUrl: string, version: string, };
export type WsTicket = { ticket: string, expiresIn: number, };
export type UsersBatch = { ids: Array<string>, };
export type ErrorCode = "malformed_json" | "invalid_body" | "invalid_query" | "invalid_path" | "invalid_input" | "body_too_large" | "unsupported_media_type" | "route_not_found" | "invalid_cursor" | "invalid_limit" | "invalid_id" | "too_many_ids" | "invalid_frame" | "frame_too_large" | "unauthenticated" | "not_signed_in" | "invalid_token" | "session_revoked" | "session_reused" | "account_deactivated" | "invalid_credentials" | "forbidden_origin" | "not_through_cloudfront" | "not_connected" | "sso_not_configured" | "provider_unavailable" | "temporarily_unavailable" | "provider_refused" | "invalid_callback" | "state_mismatch" | "login_expired" | "email_not_verified" | "no_email" | "sign_in_failed" | "internal_error" | "unavailable" | "rate_limited" | "mail_unavailable" | "admins_only" | "guest_forbidden" | "not_allowed" | "not_a_member" | "not_channel_member" | "not_author" | "guests_cannot_invite" | "invites_admins_only" | "own_account" | "admin_account" | "password_account" | "cannot_join" | "channel_not_found" | "conversation_not_found" | "message_not_found" | "user_not_found" | "member_not_found" | "category_not_found" | "invite_not_found" | "upload_not_found" | "file_not_found" | "channel_archived" | "already_member" | "general_is_fixed" | "last_owner" | "slug_taken" | "handle_taken" | "category_exists" | "membership_changed" | "conversation_changed" | "changed_meanwhile" | "draft_stale" | "send_in_progress" | "message_deleted" | "not_a_group" | "too_many_reactions" | "too_many_channels" | "too_many_categories" | "too_many_attachments" | "upload_incomplete" | "file_type_mismatch" | "image_too_large" | "uploads_unavailable" | "invalid_email" | "invalid_password" | "invalid_display_name" | "name_from_provider" | "invalid_handle" | "invalid_presence" | "invalid_time_zone" | "invalid_status_text" | "invalid_emoji" | "invalid_clear_at" | "empty_status" | "invalid_workspace_name" | "invalid_upload_limit" | "invalid_file_types" | "invalid_file_name" | "file_too_large" | "file_type_not_allowed" | "search_query_empty" | "search_query_too_long" | "invalid_search_filter" | "invalid_search_date" | "unknown_search_place" | "reset_link_expired" | "reset_link_invalid" | "invite_expired" | "invite_invalid" | "unsubscribe_link_invalid";
export type ErrorBody = { code: ErrorCode, message: string, };
export type ApiErrorResponse = { error: ErrorBody, };
export type MemberAction = "joined" | "left" | "added" | "removed" | "role";
export type MembersChanged = { parentID: string, parentType: ParentType, userID: string, action: MemberAction, 
/**
 * The role after the change; absent when the user is no longer a member.
 */
role: ChannelRole | null, };
export type SidebarRemoved = { parentID: string, parentType: ParentType, };
export type MentionOutsiders = { messageID: string, parentID: string, parentType: ParentType, userIDs: Array<string>, };
export type ThreadFollowed = { parentID: string, parentType: ParentType, threadRootID: string, following: boolean, };
export type ReconnectReason = { 
/**
 * `not_registered`, or `revoked`.
 */
reason: string, };
export type ServerEvent = { "type": "message.new", "data": Message } | { "type": "message.updated", "data": Message } | { "type": "message.deleted", "data": MessageDeleted } | { "type": "mention.outsiders", "data": MentionOutsiders } | { "type": "typing", "data": Typing } | { "type": "presence.changed", "data": Presence } | { "type": "presence.subscribed", "data": PresenceSubscribed } | { "type": "draft.updated", "data": Draft } | { "type": "notification.new", "data": Notification } | { "type": "thread.followed", "data": ThreadFollowed } | { "type": "channel.updated", "data": Channel } | { "type": "conversation.updated", "data": Conversation } | { "type": "members.changed", "data": MembersChanged } | { "type": "sidebar.channel", "data": SidebarChannel } | { "type": "sidebar.conversation", "data": SidebarConversation } | { "type": "sidebar.removed", "data": SidebarRemoved } | { "type": "sidebar.membership", "data": Membership } | { "type": "sidebar.categories", "data": Array<Category> } | { "type": "user.updated", "data": UserView } | { "type": "pong", "data": { ts: number, seq: number, } } | { "type": "reconnect", "data": ReconnectReason } | { "type": "error", "data": ErrorBody };
export type ClientFrame = { "type": "ping" } | { "type": "typing", parentID: string, parentType: ParentType, threadRootID?: string, } | { "type": "presence", status: PresenceStatus, } | { "type": "presence.subscribe", userIDs: Array<string>, version: number, };
