import { useCallback, useEffect, useState } from 'react';
import type { ParentRef } from '../api/routes';
import type { FileView } from '../api/types.generated';
import { useServices } from '../core/services';

export type FileUrlState = {
  url: string | null;
  /** The URL could not be had, or did not load even when minted anew. */
  failed: boolean;
  /** For `<img onError>`: mints a fresh URL once (it may have expired), then gives up. */
  onError: () => void;
};

/** A file's URL for one view, minted on first use and shared while it works. */
export function useFileUrl(parent: ParentRef, fileId: string, view: FileView): FileUrlState {
  const { files } = useServices();
  const { type, id } = parent;
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; url: string | null; failed: boolean } | null>(null);
  const key = `${type}/${id}/${fileId}/${view}/${attempt}`;

  useEffect(() => {
    let cancelled = false;
    files.get({ type, id }, fileId, view).then(
      (url) => !cancelled && setResult({ key, url, failed: false }),
      () => !cancelled && setResult({ key, url: null, failed: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [files, type, id, fileId, view, key]);

  const onError = useCallback(() => {
    if (attempt > 0) {
      setResult({ key, url: null, failed: true });
      return;
    }
    files.forget({ type, id }, fileId, view);
    setAttempt(1);
  }, [attempt, files, type, id, fileId, view, key]);

  const current = result?.key === key ? result : null;
  return { url: current?.url ?? null, failed: current?.failed ?? false, onError };
}
