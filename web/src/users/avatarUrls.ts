import type { ApiClient } from '../api/client';
import { UrlCache } from '../files/urlCache';
import { fetchAvatarUrl } from './api';

/**
 * Where the app gets people's pictures: a URL minted once per person and picture (a new picture
 * has a new id, so it is never the old one's URL), kept in memory until shortly before it
 * expires and shared by every avatar of that person on screen.
 */
export class AvatarUrls {
  private readonly cache: UrlCache;
  private readonly api: ApiClient;

  constructor(api: ApiClient, cache = new UrlCache()) {
    this.api = api;
    this.cache = cache;
  }

  get(userId: string, avatarId: string): Promise<string> {
    return this.cache.get(`${userId}/${avatarId}`, () => fetchAvatarUrl(this.api, userId));
  }

  /** A URL that did not load: the next `get` mints anew. */
  forget(userId: string, avatarId: string): void {
    this.cache.forget(`${userId}/${avatarId}`);
  }
}
