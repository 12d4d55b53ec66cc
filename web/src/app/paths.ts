/** Where the app opens, and where it goes when the open channel or conversation goes away. */
export const HOME_PATH = '/c/general';
export const BROWSE_PATH = '/browse';
export const THREADS_PATH = '/threads';
export const ADMIN_PATH = '/admin';
export const ADMIN_SETTINGS_PATH = '/admin/settings';
