import { X } from 'lucide-react';
import { chipLabel, filterChips, removeTerm } from './query';

/** The query's filters as chips; removing one edits the query (and so searches again). */
export function FilterChips({ q, onQuery }: { q: string; onQuery: (q: string) => void }) {
  const chips = filterChips(q);
  if (chips.length === 0) return null;
  return (
    <ul className="search-chips" aria-label="Filters" data-testid="search-chips">
      {chips.map((chip) => (
        <li key={`${chip.start}-${chip.key}`} className="search-chip" data-testid="search-chip" data-key={chip.key} data-value={chip.value}>
          <span>{chipLabel(chip)}</span>
          <button
            type="button"
            className="search-chip-remove"
            data-testid="search-chip-remove"
            aria-label={`Remove filter ${chipLabel(chip)}`}
            title="Remove filter"
            onClick={() => onQuery(removeTerm(q, chip))}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </li>
      ))}
    </ul>
  );
}
