import type { ApiClient } from '../api/client';
import type { ParentRef } from '../api/routes';
import type { FileView } from '../api/types.generated';
import { fetchFileUrl } from './api';
import { UrlCache } from './urlCache';

/**
 * Where the app gets a file's URL: minted by the API for members, per file and view, kept in
 * memory until shortly before it expires (never stored), shared by every view of the file.
 */
export class FileUrls {
  private readonly cache: UrlCache;
  private readonly api: ApiClient;

  constructor(api: ApiClient, cache = new UrlCache()) {
    this.api = api;
    this.cache = cache;
  }

  get(parent: ParentRef, fileId: string, view: FileView): Promise<string> {
    return this.cache.get(key(parent, fileId, view), () => fetchFileUrl(this.api, parent, fileId, view));
  }

  /** A URL that did not load (expired early, or the clock is off): the next `get` mints anew. */
  forget(parent: ParentRef, fileId: string, view: FileView): void {
    this.cache.forget(key(parent, fileId, view));
  }
}

function key(parent: ParentRef, fileId: string, view: FileView): string {
  return `${parent.type}/${parent.id}/${fileId}/${view}`;
}
