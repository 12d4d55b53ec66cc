import { describe, expect, it } from 'vitest';
import type { FileUrl } from '../api/types.generated';
import { URL_EXPIRY_MARGIN_MS, URL_KEEP_MAX_MS, UrlCache, usableUntil } from './urlCache';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/** A cache on a clock the test moves, and a mint that counts its calls. */
function setup() {
  const clock = { now: T0 };
  const cache = new UrlCache(() => clock.now);
  let minted = 0;
  const mint = (): Promise<FileUrl> => {
    minted++;
    return Promise.resolve({ url: `https://bucket.test/f?sig=${minted}`, expiresAt: iso(clock.now + 5 * 60_000) });
  };
  return { clock, cache, mint, count: () => minted };
}

describe('usableUntil', () => {
  it('stops short of the expiry by the margin', () => {
    expect(usableUntil(T0, iso(T0 + 3 * 60_000))).toBe(T0 + 3 * 60_000 - URL_EXPIRY_MARGIN_MS);
  });

  it('keeps no URL longer than the cap, whatever the clocks say', () => {
    expect(usableUntil(T0, iso(T0 + 60 * 60_000))).toBe(T0 + URL_KEEP_MAX_MS - URL_EXPIRY_MARGIN_MS);
  });

  it('treats an unreadable expiry as already expired', () => {
    expect(usableUntil(T0, 'soon')).toBeLessThan(T0);
  });
});

describe('UrlCache', () => {
  it('hands out the same URL while it is usable', async () => {
    const { clock, cache, mint, count } = setup();
    const first = await cache.get('f1:preview', mint);
    clock.now += URL_KEEP_MAX_MS - URL_EXPIRY_MARGIN_MS - 1;
    expect(await cache.get('f1:preview', mint)).toBe(first);
    expect(count()).toBe(1);
  });

  it('mints again once the URL is near its expiry', async () => {
    const { clock, cache, mint, count } = setup();
    const first = await cache.get('f1:preview', mint);
    clock.now += URL_KEEP_MAX_MS - URL_EXPIRY_MARGIN_MS;
    const second = await cache.get('f1:preview', mint);
    expect(second).not.toBe(first);
    expect(count()).toBe(2);
  });

  it('keeps each file and view apart', async () => {
    const { cache, mint, count } = setup();
    const a = await cache.get('f1:preview', mint);
    const b = await cache.get('f1:thumbnail', mint);
    const c = await cache.get('f2:preview', mint);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(count()).toBe(3);
  });

  it('shares one request among callers asking at once', async () => {
    const { cache, mint, count } = setup();
    const [a, b] = await Promise.all([cache.get('f1:preview', mint), cache.get('f1:preview', mint)]);
    expect(a).toBe(b);
    expect(count()).toBe(1);
  });

  it('keeps no failure: the next call asks again', async () => {
    const { cache, mint, count } = setup();
    await expect(cache.get('f1:preview', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    await cache.get('f1:preview', mint);
    expect(count()).toBe(1);
  });

  it('mints anew after forget (an image whose URL did not load)', async () => {
    const { cache, mint, count } = setup();
    const first = await cache.get('f1:preview', mint);
    cache.forget('f1:preview');
    expect(await cache.get('f1:preview', mint)).not.toBe(first);
    expect(count()).toBe(2);
  });
});
