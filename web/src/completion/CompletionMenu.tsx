import type { CompletionItem } from './useCompletion';

type CompletionMenuProps = {
  items: CompletionItem[];
  active: number;
  onHover: (index: number) => void;
  onPick: (item: CompletionItem) => void;
};

/** The options above the composer while a mention, shortcode or ~channel is typed. */
export function CompletionMenu({ items, active, onHover, onPick }: CompletionMenuProps) {
  if (items.length === 0) return null;
  return (
    <ul className="completion-menu" role="listbox" aria-label="Suggestions" data-testid="completion-menu">
      {items.map((item, i) => {
        const data = Object.fromEntries(Object.entries(item.data).map(([k, v]) => [`data-${k}`, v]));
        return (
          <li
            key={item.key}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'completion-option is-active' : 'completion-option'}
            data-testid={item.testId}
            {...data}
            // Keeps the focus (and the caret) in the composer.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(item);
            }}
            onMouseEnter={() => onHover(i)}
          >
            <span className="completion-label">{item.label}</span>
            <span className="completion-detail">{item.detail}</span>
          </li>
        );
      })}
    </ul>
  );
}
