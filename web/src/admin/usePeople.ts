import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { User } from '../api/types.generated';
import { useServices } from '../app/services';
import { listPeople } from './api';
import { appendPage, replacePerson } from './people';

/** Wait this long after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;

export type People = {
  people: User[];
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  /** Shows a person as the server answered after a change. */
  update: (user: User) => void;
};

type Loaded = { q: string; people: User[]; nextCursor: string | null };

/** The admin directory for search `q`, a page at a time. */
export function usePeople(q: string): People {
  const { api } = useServices();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const timer = setTimeout(() => {
      listPeople(api, q, null).then(
        (page) => {
          if (cancelled) return;
          setLoaded({ q, people: page.items, nextCursor: page.nextCursor });
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
    listPeople(api, forQ, nextCursor).then(
      (page) => {
        setLoaded((was) =>
          was?.q === forQ
            ? { q: forQ, people: appendPage(was.people, page.items), nextCursor: page.nextCursor }
            : was,
        );
        setLoading(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setLoading(false);
      },
    );
  }, [api, loaded, loading]);

  const update = useCallback((user: User) => {
    setLoaded((was) => (was ? { ...was, people: replacePerson(was.people, user) } : was));
  }, []);

  const current = loaded?.q === q ? loaded : null;
  return {
    people: current?.people ?? [],
    loading: loading || current === null,
    error,
    hasMore: Boolean(current?.nextCursor),
    loadMore,
    update,
  };
}
