import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Member } from '../api/types.generated';
import { useServices } from '../core/services';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { listMembers } from './api';
import { membersAfterChange } from './members';

/** Follow the member list's cursor for at most this many pages. */
const MAX_PAGES = 20;

export type ChannelMembers = {
  members: Member[];
  /** More than `members` (the list stopped after MAX_PAGES). */
  more: boolean;
  loading: boolean;
  error: string | null;
  /** The answer to an add or a role change. */
  upsert: (member: Member) => void;
  remove: (userID: string) => void;
};

/** A channel's members, all pages, kept current by `members.changed` events and read again after a reconnect. */
export function useMembers(channelId: string): ChannelMembers {
  const { api } = useServices();
  const [members, setMembers] = useState<Member[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let cursor: string | null = null;
      const all: Member[] = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await listMembers(api, channelId, cursor);
        all.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      if (cancelled) return;
      const seen = new Set<string>();
      setMembers(all.filter((m) => !seen.has(m.userID) && seen.add(m.userID)));
      setMore(cursor !== null);
      setError(null);
      setLoading(false);
    })().catch((err: unknown) => {
      if (cancelled) return;
      setError(errorMessage(err));
      setLoading(false);
    });
    return () => {
      cancelled = true;
    };
  }, [api, channelId, attempt]);

  // Joins, leaves and role changes while the socket was down (or an event lost) reached nobody
  // here: the list is read again (what is shown stays meanwhile).
  useRealtimeOpen(() => setAttempt((n) => n + 1));

  useRealtimeEvent((event) => {
    if (event.type === 'members.changed' && event.data.parentID === channelId) {
      const change = event.data;
      setMembers((current) => membersAfterChange(current, change, new Date().toISOString()));
    }
  });

  const upsert = useCallback((member: Member) => {
    setMembers((current) =>
      current.some((m) => m.userID === member.userID)
        ? current.map((m) => (m.userID === member.userID ? member : m))
        : [...current, member],
    );
  }, []);

  const remove = useCallback((userID: string) => {
    setMembers((current) => current.filter((m) => m.userID !== userID));
  }, []);

  return { members, more, loading, error, upsert, remove };
}
