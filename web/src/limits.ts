// The limits the web app enforces before the server does. They mirror
// shared/domain/src/limits.rs, which owns them; the server validates again.

/** Characters (Unicode code points) in a message body. */
export const MESSAGE_BODY_MAX_CHARS = 4096;
/** Messages per page the app asks for. */
export const MESSAGE_PAGE_SIZE = 50;
/** Ids per `POST /api/v1/users/batch`. */
export const USERS_BATCH_MAX = 100;
/** A channel name (which is also its slug) and its description. */
export const CHANNEL_NAME_MAX_CHARS = 32;
export const CHANNEL_DESCRIPTION_MAX_CHARS = 255;
/** A group conversation's name, and a sidebar category's name. */
export const GROUP_NAME_MAX_CHARS = 80;
export const CATEGORY_NAME_MAX_CHARS = 40;
/** People in one group conversation, the creator included. */
export const GROUP_MAX_PARTICIPANTS = 32;
/** Channels per directory page and members per member-list page the app asks for. */
export const DIRECTORY_PAGE_SIZE = 50;
/** People per user-search page. */
export const USER_SEARCH_PAGE_SIZE = 20;
/** Characters of a search query. */
export const SEARCH_QUERY_MAX_CHARS = 64;
/** The workspace's name, and the least and most an admin may set as the upload limit. */
export const WORKSPACE_NAME_MAX_CHARS = 80;
export const UPLOAD_MAX_BYTES_FLOOR = 1024;
export const UPLOAD_MAX_BYTES_CEILING = 5 * 1024 * 1024 * 1024;
/** A display name. */
export const DISPLAY_NAME_MAX_CHARS = 80;
/** A guest's password: at least this many characters, at most this many bytes (UTF-8). */
export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_BYTES = 1024;
/** Channels one invite may name (#general comes with every invite). */
export const INVITE_CHANNELS_MAX = 20;
