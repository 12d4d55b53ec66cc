import { useCallback, useEffect, useState } from 'react';
import type { MyChannel } from '../api/types.generated';
import { errorMessage } from '../api/errors';
import { useServices } from '../app/services';
import { listMyChannels } from './api';

export type MyChannels = {
  channels: MyChannel[] | null;
  error: string | null;
  reload: () => void;
};

/** The sidebar's channel list, sorted by name. */
export function useMyChannels(): MyChannels {
  const { api } = useServices();
  const [channels, setChannels] = useState<MyChannel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    listMyChannels(api).then(
      (list) => {
        if (cancelled) return;
        setChannels([...list].sort((a, b) => a.name.localeCompare(b.name)));
        setError(null);
      },
      (err: unknown) => {
        if (!cancelled) setError(errorMessage(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { channels, error, reload };
}
