import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/client';
import { URL_EXPIRY_MARGIN_MS, UrlCache } from '../files/urlCache';
import { AvatarUrls } from './avatarUrls';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/** AvatarUrls over a fake API that counts the URLs it mints, on a clock the test moves. */
function setup() {
  const clock = { now: T0 };
  const asked: string[] = [];
  const api = {
    get: (path: string) => {
      asked.push(path);
      return Promise.resolve({ url: `https://bucket.test${path}?sig=${asked.length}`, expiresAt: new Date(clock.now + 5 * 60_000).toISOString() });
    },
  } as unknown as ApiClient;
  return { clock, asked, urls: new AvatarUrls(api, new UrlCache(() => clock.now)) };
}

describe('AvatarUrls', () => {
  it('mints once per person and picture, for every avatar of them on screen', async () => {
    const { asked, urls } = setup();
    const [a, b] = await Promise.all([urls.get('u1', 'p1'), urls.get('u1', 'p1')]);
    expect(a).toBe(b);
    expect(await urls.get('u1', 'p1')).toBe(a);
    expect(asked).toEqual(['/api/v1/users/u1/avatar']);
  });

  it('mints anew for a new picture, and for another person', async () => {
    const { asked, urls } = setup();
    const first = await urls.get('u1', 'p1');
    expect(await urls.get('u1', 'p2')).not.toBe(first);
    await urls.get('u2', 'p1');
    expect(asked).toEqual(['/api/v1/users/u1/avatar', '/api/v1/users/u1/avatar', '/api/v1/users/u2/avatar']);
  });

  it('mints anew near the expiry, and after a URL that did not load', async () => {
    const { clock, asked, urls } = setup();
    const first = await urls.get('u1', 'p1');
    clock.now += 5 * 60_000 - URL_EXPIRY_MARGIN_MS;
    const second = await urls.get('u1', 'p1');
    expect(second).not.toBe(first);
    urls.forget('u1', 'p1');
    expect(await urls.get('u1', 'p1')).not.toBe(second);
    expect(asked).toHaveLength(3);
  });
});
