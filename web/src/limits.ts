// Generated from shared/domain (the Rust types, and src/limits.rs for the limits). Do not
// edit: run `UPDATE_TS=1 cargo test -p parley-domain typescript` to regenerate.

export const MESSAGE_BODY_MAX_CHARS = 4096;
export const MESSAGE_PAGE_DEFAULT = 50;
export const USERS_BATCH_MAX = 100;
export const CHANNEL_NAME_MAX_CHARS = 32;
export const CHANNEL_DESCRIPTION_MAX_CHARS = 255;
export const GROUP_NAME_MAX_CHARS = 80;
export const CATEGORY_NAME_MAX_CHARS = 40;
export const GROUP_MAX_PARTICIPANTS = 32;
export const DIRECTORY_PAGE_DEFAULT = 50;
export const DIRECTORY_SEARCH_MAX_CHARS = 64;
export const SEARCH_QUERY_MAX_CHARS = 500;
export const SEARCH_QUERY_MAX_WORDS = 32;
export const SEARCH_PAGE_DEFAULT = 20;
export const WORKSPACE_NAME_MAX_CHARS = 80;
export const UPLOAD_MAX_BYTES_FLOOR = 1024;
export const UPLOAD_MAX_BYTES_CEILING = 5368709120;
export const ATTACHMENTS_PER_MESSAGE_MAX = 10;
export const FILE_NAME_MAX_CHARS = 255;
export const DISPLAY_NAME_MAX_CHARS = 80;
export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_BYTES = 1024;
export const INVITE_CHANNELS_MAX = 20;
export const REACTIONS_MAX_DISTINCT = 16;
export const PRESENCE_WATCH_MAX = 100;
export const TYPING_THROTTLE_SECONDS = 3;
