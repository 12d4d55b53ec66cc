import type { ApiClient } from '../api/client';
import { createUpload, putFile } from './api';
import { sha256Hex } from './hash';

/** What an upload reports on its way, for a progress bar. */
export type UploadSteps = {
  hashing?: () => void;
  /** Hashed; the bytes go next. */
  hashed?: (sha256: string) => void;
  granted?: (uploadID: string) => void;
  progress?: (sent: number) => void;
};

export type UploadSource = {
  file: Blob;
  name: string;
  size: number;
  contentType: string;
  /** Known from an earlier try: not hashed again. */
  sha256?: string | null;
};

function cancelled(): DOMException {
  return new DOMException('Upload cancelled', 'AbortError');
}

/**
 * One file to the bucket, as the composer and the profile picture both send them: hashed
 * (the grant binds the SHA-256), granted by `POST /api/v1/uploads`, then PUT straight to the
 * bucket. The upload id, to attach or to make a picture of. Rejects with an `AbortError` once
 * `signal` aborts (a grant left unused expires on the server by itself).
 */
export async function uploadFile(
  api: ApiClient,
  source: UploadSource,
  signal: AbortSignal,
  steps: UploadSteps = {},
): Promise<string> {
  let sha256 = source.sha256 ?? null;
  if (!sha256) {
    steps.hashing?.();
    sha256 = await sha256Hex(source.file);
  }
  if (signal.aborted) throw cancelled();
  steps.hashed?.(sha256);
  const grant = await createUpload(api, { name: source.name, size: source.size, contentType: source.contentType, sha256 });
  if (signal.aborted) throw cancelled();
  steps.granted?.(grant.uploadID);
  await putFile(grant, source.file, (sent) => steps.progress?.(sent), signal);
  return grant.uploadID;
}
