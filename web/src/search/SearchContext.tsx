import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** A request to open the box with this text (`n` tells two requests of the same text apart). */
export type Prefill = { text: string; n: number };

/** The server's refusal of a query, shown by the box while it still holds that query. */
export type QueryError = { q: string; message: string };

type SearchContextValue = {
  prefill: Prefill | null;
  /** Focuses the search box with `text` in it (e.g. `in:#general `), suggestions open. */
  openSearch: (text: string) => void;
  queryError: QueryError | null;
  setQueryError: (error: QueryError | null) => void;
};

const SearchContext = createContext<SearchContextValue | null>(null);

/** What the search box shares with the pages: prefills from headers, the query's error. */
export function SearchProvider({ children }: { children: ReactNode }) {
  const [prefill, setPrefill] = useState<Prefill | null>(null);
  const [queryError, setQueryErrorState] = useState<QueryError | null>(null);
  const openSearch = useCallback((text: string) => setPrefill((was) => ({ text, n: (was?.n ?? 0) + 1 })), []);
  const setQueryError = useCallback(
    (error: QueryError | null) =>
      setQueryErrorState((was) => (was?.q === error?.q && was?.message === error?.message ? was : error)),
    [],
  );
  const value = useMemo(
    () => ({ prefill, openSearch, queryError, setQueryError }),
    [prefill, openSearch, queryError, setQueryError],
  );
  return <SearchContext.Provider value={value}>{children}</SearchContext.Provider>;
}

export function useSearch(): SearchContextValue {
  const value = useContext(SearchContext);
  if (!value) throw new Error('useSearch outside SearchProvider');
  return value;
}
