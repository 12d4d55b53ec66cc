import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import type { Channel } from '../api/types.generated';
import { useServices } from '../app/services';
import { getChannel } from './api';

export type ChannelResult =
  | { status: 'loading' }
  | { status: 'ready'; channel: Channel }
  | { status: 'notFound' }
  | { status: 'error'; message: string };

/** The channel at `/c/:slug`. */
export function useChannel(slug: string): ChannelResult {
  const { api } = useServices();
  // Tagged with the slug it answers, so a new slug reads as loading until its answer comes.
  const [result, setResult] = useState<{ slug: string; result: ChannelResult } | null>(null);

  useEffect(() => {
    let cancelled = false;
    getChannel(api, slug).then(
      (channel) => {
        if (!cancelled) setResult({ slug, result: { status: 'ready', channel } });
      },
      (err: unknown) => {
        if (cancelled) return;
        const notFound = err instanceof ApiError && (err.status === 404 || err.status === 403);
        setResult({
          slug,
          result: notFound ? { status: 'notFound' } : { status: 'error', message: errorMessage(err) },
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, slug]);

  return result?.slug === slug ? result.result : { status: 'loading' };
}
