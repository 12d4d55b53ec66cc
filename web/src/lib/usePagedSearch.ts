import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ApiClient } from '../api/client';
import { useServices } from '../core/services';

/** Wait this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Reads one page of results for search `q`, after `cursor` (`null`: the first page). */
export type FetchPage<T> = (api: ApiClient, q: string, cursor: string | null) => Promise<Page<T>>;

export type PagedSearch<T> = {
  items: T[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  /** Shows an item as the server answered after a change. */
  update: (item: T) => void;
};

type Loaded<T> = { q: string; items: T[]; nextCursor: string | null };

/** The list after another page: items already shown stay where they are, once. */
export function appendPage<T extends { id: string }>(list: T[], page: T[]): T[] {
  const known = new Set(list.map((item) => item.id));
  return [...list, ...page.filter((item) => !known.has(item.id))];
}

/**
 * A server-side search, a page at a time: searches `SEARCH_DELAY_MS` after `q` last changed,
 * and "load more" reads on from the cursor of the search on screen (a page arriving for an
 * older search is dropped). `fetchPage` must be stable (a module function).
 */
export function usePagedSearch<T extends { id: string }>(q: string, fetchPage: FetchPage<T>): PagedSearch<T> {
  const { api } = useServices();
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const timer = setTimeout(() => {
      fetchPage(api, q, null).then(
        (page) => {
          if (cancelled) return;
          setLoaded({ q, items: page.items, nextCursor: page.nextCursor });
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (cancelled) return;
          setError(errorMessage(err));
          setLoading(false);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, q, fetchPage]);

  const loadMore = useCallback(() => {
    if (!loaded?.nextCursor || loading) return;
    const { q: forQ, nextCursor } = loaded;
    setLoading(true);
    fetchPage(api, forQ, nextCursor).then(
      (page) => {
        setLoaded((was) =>
          was?.q === forQ
            ? { q: forQ, items: appendPage(was.items, page.items), nextCursor: page.nextCursor }
            : was,
        );
        setLoading(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setLoading(false);
      },
    );
  }, [api, loaded, loading, fetchPage]);

  const update = useCallback((item: T) => {
    setLoaded((was) => (was ? { ...was, items: was.items.map((i) => (i.id === item.id ? item : i)) } : was));
  }, []);

  const current = loaded?.q === q ? loaded : null;
  return {
    items: current?.items ?? [],
    loading: loading || current === null,
    error,
    hasMore: Boolean(current?.nextCursor),
    loadMore,
    update,
  };
}
