import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { apiPath, query, type ParentRef } from '../api/routes';
import type { CreateUpload, FilePage, FileUrl, FileView, UploadGrant } from '../api/types.generated';

/** Asks to upload a file: where to PUT its bytes, with which headers. */
export function createUpload(api: ApiClient, upload: CreateUpload): Promise<UploadGrant> {
  return api.post<UploadGrant>(apiPath('POST /api/v1/uploads'), upload);
}

/** The files shared in a channel or conversation, newest first. */
export function fetchFiles(api: ApiClient, parent: ParentRef, cursor: string | null = null): Promise<FilePage> {
  return api.get<FilePage>(`${apiPath('GET {parent}/files', { parent })}${query({ cursor })}`);
}

/** A URL to a file that works for a few minutes (mint one per use; see `FileUrls`). */
export function fetchFileUrl(api: ApiClient, parent: ParentRef, fileId: string, view: FileView): Promise<FileUrl> {
  return api.get<FileUrl>(`${apiPath('GET {parent}/files/{fileId}/url', { parent, fileId })}${query({ as: view })}`);
}

/**
 * PUTs the bytes straight to the bucket with exactly the grant's headers (its signature binds
 * the length and the SHA-256). XMLHttpRequest, since fetch tells nothing of upload progress.
 * Rejects with an `ApiError` fit to show, or an `AbortError` when `signal` aborts it.
 */
export function putFile(
  grant: UploadGrant,
  body: Blob,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', grant.url);
    for (const header of grant.headers) xhr.setRequestHeader(header.name, header.value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      signal.removeEventListener('abort', abort);
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new ApiError(xhr.status, `http_${xhr.status}`, `The file storage refused the upload (HTTP ${xhr.status}). Try again.`));
    };
    xhr.onerror = () => {
      signal.removeEventListener('abort', abort);
      reject(new ApiError(0, 'network', 'The upload was interrupted. Check your connection and try again.'));
    };
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    xhr.send(body);
  });
}
