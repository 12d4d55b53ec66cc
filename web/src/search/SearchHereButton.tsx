import { useSearch } from './SearchContext';
import { SearchIcon } from './SearchIcon';

/**
 * The header button "Search in this channel" (or conversation): the box opens with the place's
 * filter (`in:#slug `, `in:@handle `) typed, ready for the words.
 */
export function SearchHereButton({ filter, label }: { filter: string; label: string }) {
  const { openSearch } = useSearch();
  return (
    <button
      type="button"
      className="button search-here-button"
      data-testid="search-here-button"
      title={label}
      aria-label={label}
      onClick={() => openSearch(`${filter} `)}
    >
      <SearchIcon size={15} />
    </button>
  );
}
