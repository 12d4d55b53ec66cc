import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The open thread lives in the URL (`?thread=<root id>`), so a link can open it too. */
export function useOpenThread(): { rootId: string | null; open: (rootId: string) => void; close: () => void } {
  const [params, setParams] = useSearchParams();
  const rootId = params.get('thread');
  const open = useCallback(
    (id: string) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.set('thread', id);
        return next;
      }),
    [setParams],
  );
  const close = useCallback(
    () =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        next.delete('thread');
        return next;
      }),
    [setParams],
  );
  return { rootId, open, close };
}
