import './unreadBar.css';

type UnreadBarProps = {
  /** "300 new messages since 10:42". */
  text: string;
  onJump: () => void;
  onMarkRead: () => void;
};

/** Over the top of the list while the first unread message is above what shows. */
export function UnreadBar({ text, onJump, onMarkRead }: UnreadBarProps) {
  return (
    <div className="unread-bar" data-testid="unread-bar">
      <span className="unread-bar-text" data-testid="unread-bar-text">
        {text}
      </span>
      <button type="button" className="unread-bar-button" data-testid="unread-bar-jump" onClick={onJump}>
        Jump
      </button>
      <button
        type="button"
        className="unread-bar-button"
        data-testid="unread-bar-mark-read"
        aria-keyshortcuts="Escape"
        onClick={onMarkRead}
      >
        Mark as read
      </button>
    </div>
  );
}
