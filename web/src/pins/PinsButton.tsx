import { Pin } from 'lucide-react';

/** The header button that opens (or closes) the pinned messages. */
export function PinsButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className={open ? 'button icon-button is-pressed' : 'button icon-button'}
      data-testid="pins-button"
      aria-pressed={open}
      aria-label="Pinned messages"
      title="Pinned messages"
      onClick={onToggle}
    >
      <Pin size={16} aria-hidden="true" />
    </button>
  );
}
