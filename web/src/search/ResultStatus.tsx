import { useEffect, useRef, type ReactNode } from 'react';
import { errorMessage } from '../api/errors';
import type { Results } from './paging';
import { isQueryError, isRetryable } from './api';

type ResultStatusProps<T> = {
  state: Results<T>;
  retry: () => void;
  /** What to say when nothing matches. */
  empty: ReactNode;
  setEndVisible: (visible: boolean) => void;
};

/**
 * Under a list of results: loading, nothing found, the error (with a retry when trying again
 * may help), and the sentinel whose coming into view reads the next page.
 */
export function ResultStatus<T>({ state, retry, empty, setEndVisible }: ResultStatusProps<T>) {
  return (
    <>
      {state.error !== null ? (
        <div className="search-status" role="alert" data-testid="search-results-error">
          <p className="error-text">{errorMessage(state.error)}</p>
          {isQueryError(state.error) ? (
            <p className="muted">Change the query in the search box above, and press Enter.</p>
          ) : (
            isRetryable(state.error) && (
              <button type="button" className="button" data-testid="search-retry" onClick={retry}>
                Try again
              </button>
            )
          )}
        </div>
      ) : state.loading ? (
        <p className="search-status muted" role="status" data-testid="search-loading">
          {state.started ? 'Loading more…' : 'Searching…'}
        </p>
      ) : (
        state.items.length === 0 && (
          <div className="search-status search-empty" data-testid="search-empty">
            {empty}
          </div>
        )
      )}
      <Sentinel onVisible={setEndVisible} />
    </>
  );
}

/** An empty line at the end of the list that tells when it scrolls into view. */
function Sentinel({ onVisible }: { onVisible: (visible: boolean) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    // Ahead of the end by a screenful of rows, so the next page is there when it is reached.
    const observer = new IntersectionObserver((entries) => onVisible(entries.some((e) => e.isIntersecting)), {
      rootMargin: '0px 0px 400px 0px',
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      onVisible(false);
    };
  }, [onVisible]);
  return <div ref={ref} className="search-sentinel" data-testid="search-sentinel" aria-hidden="true" />;
}
