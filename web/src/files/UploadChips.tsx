import { X } from 'lucide-react';
import { FileBadge } from './FileBadge';
import { formatBytes } from './format';
import { progressOf, type Upload } from './uploadQueue';

type UploadChipsProps = {
  uploads: Upload[];
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
  /** The message with these files is on its way: nothing to change meanwhile. */
  locked: boolean;
};

/** The files waiting to go with the message: a preview, the name and size, progress, and actions. */
export function UploadChips({ uploads, onRemove, onRetry, locked }: UploadChipsProps) {
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-chips" aria-label="Files to send">
      {uploads.map((upload) => (
        <UploadChip key={upload.key} upload={upload} onRemove={onRemove} onRetry={onRetry} locked={locked} />
      ))}
    </ul>
  );
}

function statusText(upload: Upload): string {
  switch (upload.status) {
    case 'queued':
      return 'Waiting…';
    case 'hashing':
      return 'Preparing…';
    case 'uploading':
      return `${Math.floor(progressOf(upload) * 100)}% of ${formatBytes(upload.size)}`;
    case 'done':
      return formatBytes(upload.size);
    case 'failed':
      return upload.error ?? 'Not uploaded';
  }
}

function UploadChip({ upload, onRemove, onRetry, locked }: { upload: Upload } & Omit<UploadChipsProps, 'uploads'>) {
  const running = upload.status !== 'done' && upload.status !== 'failed';
  const failed = upload.status === 'failed';
  return (
    <li
      className={failed ? 'upload-chip is-failed' : 'upload-chip'}
      data-testid="upload-chip"
      data-status={upload.status}
      data-name={upload.name}
    >
      {upload.previewUrl ? (
        <img className="upload-chip-preview" src={upload.previewUrl} alt="" />
      ) : (
        <FileBadge name={upload.name} />
      )}
      <span className="upload-chip-text">
        <span className="upload-chip-name" title={upload.name}>
          {upload.name}
        </span>
        <span className={failed ? 'upload-chip-status error-text' : 'upload-chip-status'} role={failed ? 'alert' : undefined}>
          {statusText(upload)}
        </span>
        {running && (
          <progress
            className="upload-chip-progress"
            data-testid="upload-progress"
            aria-label={`Uploading ${upload.name}`}
            max={1}
            // No value while hashing and asking: an indeterminate bar.
            value={upload.status === 'uploading' ? progressOf(upload) : undefined}
          />
        )}
      </span>
      <span className="upload-chip-actions">
        {failed && (
          <button
            type="button"
            className="link-button"
            data-testid="upload-retry"
            aria-label={`Retry uploading ${upload.name}`}
            onClick={() => onRetry(upload.key)}
          >
            Retry
          </button>
        )}
        <button
          type="button"
          className="upload-chip-remove"
          data-testid={running ? 'upload-cancel' : 'upload-remove'}
          aria-label={running ? `Cancel uploading ${upload.name}` : `Remove ${upload.name}`}
          title={running ? 'Cancel' : 'Remove'}
          disabled={locked}
          onClick={() => onRemove(upload.key)}
        >
          <X size={14} aria-hidden="true" />
        </button>
      </span>
    </li>
  );
}
