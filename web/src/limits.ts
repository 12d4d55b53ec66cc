// The limits the web app enforces before the server does. They mirror
// shared/domain/src/limits.rs, which owns them; the server validates again.

/** Characters (Unicode code points) in a message body. */
export const MESSAGE_BODY_MAX_CHARS = 4096;
/** Messages per page the app asks for. */
export const MESSAGE_PAGE_SIZE = 50;
/** Ids per `POST /api/v1/users/batch`. */
export const USERS_BATCH_MAX = 100;
