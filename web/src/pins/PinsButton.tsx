/** The header button that opens (or closes) the pinned messages. */
export function PinsButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      className={open ? 'button is-pressed' : 'button'}
      data-testid="pins-button"
      aria-pressed={open}
      title="Pinned messages"
      onClick={onToggle}
    >
      📌 Pinned
    </button>
  );
}
