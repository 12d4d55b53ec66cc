// Pages of search results, read on while the server gives a cursor. A search is known by its
// key (the query, sort...): a page for another key arriving late is dropped.

export type ResultPage<T> = { items: T[]; nextCursor: string | null };

export type Results<T> = {
  key: string;
  items: T[];
  nextCursor: string | null;
  /** The first page has come. */
  started: boolean;
  loading: boolean;
  error: unknown;
};

export type ResultsAction<T> =
  | { type: 'start'; key: string }
  | { type: 'loading'; key: string }
  | { type: 'page'; key: string; page: ResultPage<T> }
  | { type: 'failed'; key: string; error: unknown };

export function emptyResults<T>(key: string): Results<T> {
  return { key, items: [], nextCursor: null, started: false, loading: true, error: null };
}

/** `idOf` names an item, so one seen on an earlier page is not shown twice. */
export function resultsReducer<T>(idOf: (item: T) => string) {
  return (state: Results<T>, action: ResultsAction<T>): Results<T> => {
    if (action.type === 'start') return emptyResults(action.key);
    if (action.key !== state.key) return state;
    switch (action.type) {
      case 'loading':
        return { ...state, loading: true, error: null };
      case 'page': {
        const known = new Set(state.items.map(idOf));
        const fresh = action.page.items.filter((item) => !known.has(idOf(item)));
        return { ...state, items: [...state.items, ...fresh], nextCursor: action.page.nextCursor, started: true, loading: false, error: null };
      }
      case 'failed':
        return { ...state, loading: false, error: action.error };
    }
  };
}

/** Whether to read the next page now: more to read, nothing in flight, no error, and in view. */
export function wantsMore<T>(state: Results<T>, sentinelVisible: boolean): boolean {
  return state.started && state.nextCursor !== null && !state.loading && state.error === null && sentinelVisible;
}
