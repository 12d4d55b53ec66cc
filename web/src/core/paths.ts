// The app's own URLs: where it opens, its pages, and the address of a channel or conversation.

/** Where the app opens, and where it goes when the open channel or conversation goes away. */
export const HOME_PATH = '/c/general';
export const BROWSE_PATH = '/browse';
export const THREADS_PATH = '/threads';
export const DRAFTS_PATH = '/drafts';
/** Search results: `?q=` the query, `sort`, `tab`, `archived` (see search/searchUrl.ts). */
export const SEARCH_PATH = '/search';
export const ADMIN_PATH = '/admin';
export const ADMIN_SETTINGS_PATH = '/admin/settings';
export const ADMIN_INVITES_PATH = '/admin/invites';
/** Pages reached from emailed links (the token is the last segment) and the password help. */
export const INVITE_PATH = '/invite/:token';
export const FORGOT_PASSWORD_PATH = '/forgot-password';
export const RESET_PASSWORD_PATH = '/reset-password/:token';

/** The app's URL of a channel (by slug) or conversation (by id). */
export function channelUrl(slug: string): string {
  return `/c/${encodeURIComponent(slug)}`;
}

export function conversationUrl(id: string): string {
  return `/d/${encodeURIComponent(id)}`;
}
