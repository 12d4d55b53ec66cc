// The search query as the person types it, read only as far as the UI needs: which parts are
// filters (for chips and suggestions) and which are the words. The server parses it for real
// and its errors win; nothing here refuses a query.

/** The filters of the query language, as typed before the colon. */
export const FILTER_KEYS = ['from', 'in', 'has', 'is', 'before', 'after', 'on', 'mentions'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function isFilterKey(key: string): key is FilterKey {
  return (FILTER_KEYS as readonly string[]).includes(key);
}

/** One part of a query: where it sits in the text (`end` exclusive) and what it is. */
export type Term =
  | { kind: 'word'; text: string; start: number; end: number }
  /** A quoted phrase; `text` is inside the quotes (an unclosed quote runs to the end). */
  | { kind: 'phrase'; text: string; start: number; end: number }
  | { kind: 'filter'; key: FilterKey; value: string; start: number; end: number };

/** The query's parts, in order. A `key:` that is not a filter is a word. */
export function terms(q: string): Term[] {
  const out: Term[] = [];
  let i = 0;
  while (i < q.length) {
    if (/\s/.test(q[i] ?? '')) {
      i++;
      continue;
    }
    const start = i;
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      const end = close < 0 ? q.length : close + 1;
      out.push({ kind: 'phrase', text: q.slice(i + 1, close < 0 ? q.length : close), start, end });
      i = end;
      continue;
    }
    while (i < q.length && !/\s/.test(q[i] ?? '')) i++;
    const text = q.slice(start, i);
    const colon = text.indexOf(':');
    const key = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
    if (isFilterKey(key)) out.push({ kind: 'filter', key, value: text.slice(colon + 1), start, end: i });
    else out.push({ kind: 'word', text, start, end: i });
  }
  return out;
}

export type FilterTerm = Extract<Term, { kind: 'filter' }>;

/** The filters of a query that have a value: what the results page shows as removable chips. */
export function filterChips(q: string): FilterTerm[] {
  return terms(q).filter((t): t is FilterTerm => t.kind === 'filter' && t.value !== '');
}

const CHIP_NAMES: Record<FilterKey, string> = {
  from: 'From',
  in: 'In',
  has: 'Has',
  is: 'Is',
  before: 'Before',
  after: 'After',
  on: 'On',
  mentions: 'Mentions',
};

/** "From @ann", "In #general", "Has file". */
export function chipLabel(chip: FilterTerm): string {
  return `${CHIP_NAMES[chip.key]} ${chip.value}`;
}

/** The query without this part, its spaces tidied (one between parts, none at the ends). */
export function removeTerm(q: string, term: Pick<Term, 'start' | 'end'>): string {
  return tidy(`${q.slice(0, term.start)} ${q.slice(term.end)}`);
}

function tidy(q: string): string {
  return q.trim().replace(/\s+/g, ' ');
}

/** The words and phrases without the filters: what people and channels are searched by. */
export function freeText(q: string): string {
  return terms(q)
    .flatMap((t) => (t.kind === 'word' || t.kind === 'phrase' ? [t.text.trim()] : []))
    .filter(Boolean)
    .join(' ');
}
