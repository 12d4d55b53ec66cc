// The search box's icons, from the app's icon set (lucide), at the sizes the search uses.
import { Funnel, Search } from 'lucide-react';

/** A magnifying glass. */
export function SearchIcon({ size = 16 }: { size?: number }) {
  return <Search size={size} aria-hidden="true" />;
}

/** A funnel: a filter of the query language. */
export function FilterIcon({ size = 14 }: { size?: number }) {
  return <Funnel size={size} aria-hidden="true" />;
}
