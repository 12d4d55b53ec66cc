import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import type { Channel } from '../api/types.generated';
import { useServices } from '../core/services';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { getChannel } from './api';

export type ChannelResult =
  | { status: 'loading' }
  | { status: 'ready'; channel: Channel }
  | { status: 'notFound' }
  | { status: 'error'; message: string };

export type LiveChannel = {
  result: ChannelResult;
  /** Takes a newer copy (e.g. the answer to a rename or archive). */
  replace: (channel: Channel) => void;
};

/**
 * The channel at `/c/:slug` (an old slug still finds it), kept current by `channel.updated`
 * events. When the loaded channel's slug changes (a rename), the new slug needs no new request.
 */
export function useChannel(slug: string): LiveChannel {
  const { api } = useServices();
  // Tagged with the slug it answers, so a new slug reads as loading until its answer comes.
  const [state, setState] = useState<{ slug: string; result: ChannelResult } | null>(null);
  const loaded = state?.result.status === 'ready' ? state.result.channel : null;
  const loadedRef = useRef(loaded);
  useLayoutEffect(() => {
    loadedRef.current = loaded;
  });

  useEffect(() => {
    if (loadedRef.current?.slug === slug) return;
    let cancelled = false;
    getChannel(api, slug).then(
      (channel) => {
        if (!cancelled) setState({ slug, result: { status: 'ready', channel } });
      },
      (err: unknown) => {
        if (cancelled) return;
        const notFound = err instanceof ApiError && (err.status === 404 || err.status === 403);
        setState({
          slug,
          result: notFound ? { status: 'notFound' } : { status: 'error', message: errorMessage(err) },
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, slug]);

  const replace = useCallback((channel: Channel) => {
    setState((was) =>
      was?.result.status === 'ready' && was.result.channel.id === channel.id
        ? { slug: was.slug, result: { status: 'ready', channel } }
        : was,
    );
  }, []);

  useRealtimeEvent((event) => {
    if (event.type === 'channel.updated') replace(event.data);
  });

  // Changes made while the socket was down (or not yet up) came to nobody here: ask again.
  useRealtimeOpen(() => {
    const current = loadedRef.current;
    if (current) getChannel(api, current.id).then(replace, () => undefined);
  });

  const matches = state !== null && (state.slug === slug || loaded?.slug === slug);
  return { result: matches ? state.result : { status: 'loading' }, replace };
}
