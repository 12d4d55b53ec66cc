// Minted file URLs, kept in memory (never stored) while they still work.
import type { FileUrl } from '../api/types.generated';

/** Stop using a URL this long before it expires: an image may take that long to load. */
export const URL_EXPIRY_MARGIN_MS = 30_000;
/**
 * The longest a URL is kept, whatever its `expiresAt` says: a computer clock running behind the
 * server's would otherwise keep an expired URL (the server mints them for 5 minutes).
 */
export const URL_KEEP_MAX_MS = 4 * 60_000;

/** Until when a URL minted at `mintedAt` (this clock) may be handed out. */
export function usableUntil(mintedAt: number, expiresAt: string): number {
  const expires = Date.parse(expiresAt);
  const byServer = Number.isNaN(expires) ? mintedAt : expires;
  return Math.min(byServer, mintedAt + URL_KEEP_MAX_MS) - URL_EXPIRY_MARGIN_MS;
}

type Entry = { url: string; until: number } | { pending: Promise<string> };

/**
 * URLs by key (a file and a view). `get` answers a kept URL while it is usable, shares one
 * request among callers asking at once, and mints again once it is near its expiry.
 */
export class UrlCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  get(key: string, mint: () => Promise<FileUrl>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry && 'pending' in entry) return entry.pending;
    if (entry && entry.until > this.now()) return Promise.resolve(entry.url);
    const mintedAt = this.now();
    const pending = mint().then(
      (minted) => {
        if (this.entries.get(key) === record) this.entries.set(key, { url: minted.url, until: usableUntil(mintedAt, minted.expiresAt) });
        return minted.url;
      },
      (err: unknown) => {
        if (this.entries.get(key) === record) this.entries.delete(key);
        throw err;
      },
    );
    const record: Entry = { pending };
    this.entries.set(key, record);
    return pending;
  }

  /** Drops a URL that did not work (an image that failed to load), so the next `get` mints anew. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
