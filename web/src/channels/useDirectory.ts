import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Channel } from '../api/types.generated';
import { useServices } from '../app/services';
import { listDirectory } from './api';

/** Wait this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;

export type Directory = {
  channels: Channel[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
};

type Loaded = { q: string; channels: Channel[]; nextCursor: string | null };

/** The public channel directory for search `q`, a page at a time. */
export function useDirectory(q: string): Directory {
  const { api } = useServices();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const timer = setTimeout(() => {
      listDirectory(api, q, null).then(
        (page) => {
          if (cancelled) return;
          setLoaded({ q, channels: page.items, nextCursor: page.nextCursor });
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
  }, [api, q]);

  const loadMore = useCallback(() => {
    if (!loaded?.nextCursor || loading) return;
    const { q: forQ, nextCursor } = loaded;
    setLoading(true);
    listDirectory(api, forQ, nextCursor).then(
      (page) => {
        setLoaded((was) => {
          if (was?.q !== forQ) return was;
          const known = new Set(was.channels.map((c) => c.id));
          return {
            q: forQ,
            channels: [...was.channels, ...page.items.filter((c) => !known.has(c.id))],
            nextCursor: page.nextCursor,
          };
        });
        setLoading(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setLoading(false);
      },
    );
  }, [api, loaded, loading]);

  const current = loaded?.q === q ? loaded : null;
  return {
    channels: current?.channels ?? [],
    loading: loading || current === null,
    error,
    hasMore: Boolean(current?.nextCursor),
    loadMore,
  };
}
