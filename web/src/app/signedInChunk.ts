// Loading the signed-in app's chunk. A browser that was signed in last time most likely still is:
// there the download starts at once, beside the session check (a refresh request), rather than
// after it answers. Elsewhere (signed out, first visit) it starts when the session says signed in,
// so the sign-in, invite and reset pages never download it.

const HINT_KEY = 'parley.wasSignedIn';

let loading: Promise<typeof import('./SignedInApp')> | null = null;

/** The signed-in app's module; the first call starts the download, later calls share it. */
export function loadSignedInApp(): Promise<typeof import('./SignedInApp')> {
  loading ??= import('./SignedInApp').catch((err: unknown) => {
    // A failed download is retried by the next call (the reload the error screen offers).
    loading = null;
    throw err;
  });
  return loading;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (privacy settings): no hint, the download waits for the session
  }
}

/** Remembers for the next visit whether this browser was signed in. */
export function rememberSignedIn(signedIn: boolean) {
  const store = storage();
  if (!store) return;
  if (signedIn) store.setItem(HINT_KEY, '1');
  else store.removeItem(HINT_KEY);
}

/** Starts the download now when the last visit was signed in. */
export function preloadIfLikelySignedIn() {
  if (storage()?.getItem(HINT_KEY) === '1') void loadSignedInApp().catch(() => undefined);
}
