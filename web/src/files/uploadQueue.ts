// The files waiting in a composer, as a pure state machine: each goes
// queued → hashing → uploading (asking for a grant, then the bytes, with progress) → done,
// or → failed (retry puts it back in the queue); cancel or remove takes it out at any point.
// Answers that come for a file no longer there, or in another state, change nothing: a late
// progress event after a cancel must not bring the file back.

export type UploadStatus = 'queued' | 'hashing' | 'uploading' | 'done' | 'failed';

export type Upload = {
  /** This composer's own name for the file (several may share a name). */
  key: string;
  name: string;
  size: number;
  /** The browser's type for it (may be empty). */
  contentType: string;
  status: UploadStatus;
  /** Bytes sent so far, while uploading. */
  sent: number;
  /** Known once hashed; a retry does not hash again. */
  sha256: string | null;
  /** The server's id for it, once granted; sent with the message. */
  uploadID: string | null;
  error: string | null;
  /** An object URL of the file itself, for images shown in the chip (revoked on removal). */
  previewUrl: string | null;
};

export type NewUpload = Pick<Upload, 'key' | 'name' | 'size' | 'contentType' | 'previewUrl'>;

export type UploadAction =
  | { type: 'added'; uploads: NewUpload[] }
  | { type: 'hashing'; key: string }
  | { type: 'hashed'; key: string; sha256: string }
  | { type: 'granted'; key: string; uploadID: string }
  | { type: 'progress'; key: string; sent: number }
  | { type: 'done'; key: string }
  | { type: 'failed'; key: string; error: string }
  | { type: 'retry'; key: string }
  /** Cancelled while running, or removed once done or failed. */
  | { type: 'removed'; key: string }
  /** Sent with a message: out of the composer (files added meanwhile stay). */
  | { type: 'sent'; keys: readonly string[] };

export function uploadsReducer(uploads: readonly Upload[], action: UploadAction): Upload[] {
  switch (action.type) {
    case 'added':
      return [
        ...uploads,
        ...action.uploads.map(
          (u): Upload => ({ ...u, status: 'queued', sent: 0, sha256: null, uploadID: null, error: null }),
        ),
      ];
    case 'hashing':
      return change(uploads, action.key, ['queued'], { status: 'hashing' });
    case 'hashed':
      return change(uploads, action.key, ['queued', 'hashing'], { status: 'uploading', sha256: action.sha256, sent: 0 });
    case 'granted':
      return change(uploads, action.key, ['uploading'], { uploadID: action.uploadID });
    case 'progress':
      return change(uploads, action.key, ['uploading'], (u) => ({ sent: Math.min(u.size, Math.max(u.sent, action.sent)) }));
    case 'done':
      return change(uploads, action.key, ['uploading'], (u) =>
        u.uploadID ? { status: 'done', sent: u.size } : { status: 'failed', error: 'The server gave no id for the file.' },
      );
    case 'failed':
      return change(uploads, action.key, ['queued', 'hashing', 'uploading'], { status: 'failed', error: action.error });
    case 'retry':
      // A grant may have expired meanwhile: a retry asks for a new one (the hash still holds).
      return change(uploads, action.key, ['failed'], { status: 'queued', sent: 0, uploadID: null, error: null });
    case 'removed': {
      const left = uploads.filter((u) => u.key !== action.key);
      return left.length === uploads.length ? (uploads as Upload[]) : left;
    }
    case 'sent': {
      const left = uploads.filter((u) => !action.keys.includes(u.key));
      return left.length === uploads.length ? (uploads as Upload[]) : left;
    }
  }
}

function change(
  uploads: readonly Upload[],
  key: string,
  from: readonly UploadStatus[],
  patch: Partial<Upload> | ((u: Upload) => Partial<Upload>),
): Upload[] {
  const index = uploads.findIndex((u) => u.key === key);
  const current = uploads[index];
  if (!current || !from.includes(current.status)) return uploads as Upload[];
  const next = [...uploads];
  next[index] = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
  return next;
}

export function isRunning(upload: Upload): boolean {
  return upload.status === 'queued' || upload.status === 'hashing' || upload.status === 'uploading';
}

/** How far along the file is, 0 to 1 (hashing and asking count as not started). */
export function progressOf(upload: Upload): number {
  if (upload.status === 'done') return 1;
  return upload.size > 0 ? upload.sent / upload.size : 0;
}

/** What the composer may do with what it holds. */
export type UploadsSummary = {
  /** Files still on their way: sending waits for them. */
  running: number;
  /** Files that failed: retry or remove them before sending. */
  failed: number;
  /** The ids to send with the message, in the order the files were added. */
  uploadIDs: string[];
};

export function summarize(uploads: readonly Upload[]): UploadsSummary {
  const uploadIDs: string[] = [];
  let running = 0;
  let failed = 0;
  for (const u of uploads) {
    if (isRunning(u)) running++;
    else if (u.status === 'failed') failed++;
    else if (u.uploadID) uploadIDs.push(u.uploadID);
  }
  return { running, failed, uploadIDs };
}

/**
 * Whether a message can go: some text or a finished file, and nothing still uploading or
 * failed (a file left behind unnoticed would be worse than a moment's wait).
 */
export function canSendWith(hasText: boolean, summary: UploadsSummary): boolean {
  return (hasText || summary.uploadIDs.length > 0) && summary.running === 0 && summary.failed === 0;
}

/** What keeps the message from going, for the composer's hint; null when nothing does. */
export function sendBlocker(summary: UploadsSummary): string | null {
  if (summary.running > 0) return summary.running === 1 ? 'Waiting for the file to upload…' : `Waiting for ${summary.running} files to upload…`;
  if (summary.failed > 0) return summary.failed === 1 ? 'A file did not upload: retry or remove it.' : `${summary.failed} files did not upload: retry or remove them.`;
  return null;
}

/** A finished file as a message takes it (and as its pending copy shows it). */
export type SentFile = { key: string; uploadID: string; name: string; size: number; contentType: string };

/** The finished files, in the order they were added. */
export function sentFiles(uploads: readonly Upload[]): SentFile[] {
  return uploads.flatMap((u) =>
    u.status === 'done' && u.uploadID ? [{ key: u.key, uploadID: u.uploadID, name: u.name, size: u.size, contentType: u.contentType }] : [],
  );
}
