import { Paperclip } from 'lucide-react';

/** The header button that opens (or closes) the files shared here. */
export function FilesButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className={open ? 'button icon-button files-button is-pressed' : 'button icon-button files-button'}
      data-testid="files-button"
      aria-pressed={open}
      aria-label="Files shared here"
      title="Files shared here"
      onClick={onToggle}
    >
      <Paperclip size={16} aria-hidden="true" />
    </button>
  );
}
