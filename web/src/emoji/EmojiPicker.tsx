import { useMemo, useRef, useState } from 'react';
import { autoFocus } from '../ui/autoFocus';
import { focusedElement, useFocusTrap } from '../ui/focusTrap';
import { useDismiss } from '../ui/useDismiss';
import { EMOJI_GROUPS, emojiLabel, searchEmoji } from './emoji';
import { useEmojiData } from './emojiData';

type EmojiPickerProps = {
  onPick: (emoji: string) => void;
  onClose: () => void;
  /** Shown first, before the data set has loaded too. */
  recent?: readonly string[];
  /** Opens under its button (default) or above it. */
  placement?: 'above' | 'below';
};

/** A popover to pick any emoji: search by name or shortcode, or browse by group. */
export function EmojiPicker({ onPick, onClose, recent = [], placement = 'below' }: EmojiPickerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = useEmojiData();
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState(EMOJI_GROUPS[0]?.id ?? 0);
  useDismiss(ref, true, onClose);
  // Tab stays in the picker while it is open; closing it gives the focus back to its button.
  const [opener] = useState(focusedElement);
  useFocusTrap(ref, { active: true, opener });

  const shown = useMemo(() => {
    if (!entries) return [];
    if (query.trim()) return searchEmoji(entries, query, 80);
    return entries.filter((e) => e.group === group);
  }, [entries, query, group]);

  const pick = (emoji: string) => {
    onPick(emoji);
    onClose();
  };

  return (
    <div
      className={`emoji-picker is-${placement}`}
      data-testid="emoji-picker"
      ref={ref}
      role="dialog"
      aria-label="Pick an emoji"
    >
      <input
        className="text-input emoji-search"
        data-testid="emoji-search"
        placeholder="Search emoji"
        aria-label="Search emoji"
        value={query}
        ref={autoFocus}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = shown[0];
          if (e.key === 'Enter' && first) {
            e.preventDefault();
            pick(first.emoji);
          }
        }}
      />
      {!query.trim() && recent.length > 0 && (
        <div className="emoji-row" aria-label="Frequently used">
          {recent.map((emoji) => (
            <EmojiButton key={emoji} emoji={emoji} title={emoji} onPick={pick} />
          ))}
        </div>
      )}
      {!query.trim() && (
        <div className="emoji-tabs" role="tablist">
          {EMOJI_GROUPS.map((g) => (
            <button
              key={g.id}
              type="button"
              role="tab"
              aria-selected={g.id === group}
              title={g.label}
              aria-label={g.label}
              className={g.id === group ? 'emoji-tab is-active' : 'emoji-tab'}
              onClick={() => setGroup(g.id)}
            >
              {g.icon}
            </button>
          ))}
        </div>
      )}
      <div className="emoji-grid">
        {!entries && <p className="muted">Loading emoji…</p>}
        {entries && shown.length === 0 && <p className="muted">No emoji found.</p>}
        {shown.map((entry) => (
          <EmojiButton key={entry.emoji} emoji={entry.emoji} title={emojiLabel(entry)} onPick={pick} />
        ))}
      </div>
    </div>
  );
}

function EmojiButton({ emoji, title, onPick }: { emoji: string; title: string; onPick: (emoji: string) => void }) {
  return (
    <button
      type="button"
      className="emoji-option"
      data-testid="emoji-option"
      data-emoji={emoji}
      title={title}
      aria-label={title}
      onClick={() => onPick(emoji)}
    >
      {emoji}
    </button>
  );
}
