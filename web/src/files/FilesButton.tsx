import { PaperclipIcon } from './PaperclipIcon';

/** The header button that opens (or closes) the files shared here. */
export function FilesButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className={open ? 'button files-button is-pressed' : 'button files-button'}
      data-testid="files-button"
      aria-pressed={open}
      title="Files shared here"
      onClick={onToggle}
    >
      <PaperclipIcon size={15} /> Files
    </button>
  );
}
