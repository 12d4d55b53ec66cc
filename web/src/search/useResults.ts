import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { emptyResults, resultsReducer, wantsMore, type ResultPage, type Results } from './paging';

export type LiveResults<T> = {
  state: Results<T>;
  /** Tells whether the end of the list is in view (the sentinel's observer). */
  setEndVisible: (visible: boolean) => void;
  /** Tries the failed read again (the first page, or the next). */
  retry: () => void;
};

/**
 * The results of one search (`key` names it: a new key starts afresh), read a page at a time
 * while the end of the list is in view and the server gives a cursor. A short or empty page
 * with a cursor reads on, since the end is still in view.
 */
export function useResults<T>(key: string, fetchPage: (cursor: string | null) => Promise<ResultPage<T>>, idOf: (item: T) => string): LiveResults<T> {
  const reducer = useMemo(() => resultsReducer(idOf), [idOf]);
  const [state, dispatch] = useReducer(reducer, key, emptyResults<T>);
  const [endVisible, setEndVisible] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const fetchRef = useRef(fetchPage);
  useLayoutEffect(() => {
    fetchRef.current = fetchPage;
  });

  useEffect(() => {
    let cancelled = false;
    dispatch({ type: 'start', key });
    fetchRef.current(null).then(
      (page) => !cancelled && dispatch({ type: 'page', key, page }),
      (error: unknown) => !cancelled && dispatch({ type: 'failed', key, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [key, attempt]);

  const loadMore = useCallback((from: Results<T>) => {
    const { key: forKey, nextCursor } = from;
    if (!nextCursor) return;
    dispatch({ type: 'loading', key: forKey });
    fetchRef.current(nextCursor).then(
      (page) => dispatch({ type: 'page', key: forKey, page }),
      (error: unknown) => dispatch({ type: 'failed', key: forKey, error }),
    );
  }, []);

  const current = state.key === key ? state : emptyResults<T>(key);
  useEffect(() => {
    if (wantsMore(current, endVisible)) loadMore(current);
  }, [current, endVisible, loadMore]);

  const retry = useCallback(() => {
    if (current.started) loadMore(current);
    else setAttempt((n) => n + 1);
  }, [current, loadMore]);

  return { state: current, setEndVisible, retry };
}
