import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useServices } from '../core/services';

/**
 * The person's picture id: `given` when the caller has the person at hand (undefined when not),
 * otherwise the shared directory's (kept current by `user.updated`). Re-renders only when that
 * id changes, not on every change to the directory.
 */
export function usePictureId(userId: string, given: string | null | undefined): string | null {
  const { users } = useServices();
  const known = useSyncExternalStore(users.subscribe, () => users.get(userId)?.avatar ?? null);
  return given === undefined ? known : given;
}

export type AvatarUrlState = {
  /** null: no picture, not minted yet, or it would not load (the tile shows). */
  url: string | null;
  /** For `<img onError>`: mints a fresh URL once (it may have expired), then gives up. */
  onError: () => void;
};

/** The URL of a person's picture, minted once per person and picture and shared while it works. */
export function useAvatarUrl(userId: string, pictureId: string | null): AvatarUrlState {
  const { avatars } = useServices();
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; url: string | null } | null>(null);
  const key = `${userId}/${pictureId}/${attempt}`;

  useEffect(() => {
    if (!pictureId) return;
    let cancelled = false;
    avatars.get(userId, pictureId).then(
      (url) => !cancelled && setResult({ key, url }),
      () => !cancelled && setResult({ key, url: null }),
    );
    return () => {
      cancelled = true;
    };
  }, [avatars, userId, pictureId, key]);

  const onError = useCallback(() => {
    if (!pictureId) return;
    if (attempt > 0) {
      setResult({ key, url: null });
      return;
    }
    avatars.forget(userId, pictureId);
    setAttempt(1);
  }, [attempt, avatars, userId, pictureId, key]);

  const current = pictureId && result?.key === key ? result : null;
  return { url: current?.url ?? null, onError };
}
