import { useMemo, useSyncExternalStore } from 'react';
import type { UserView } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { useServices } from '../core/services';
import { useSidebar } from '../sidebar/SidebarProvider';
import { toUserView } from '../users/view';
import { useUserNames } from '../users/useUsers';
import { buildOptions, suggestionQueries, type SearchOption } from './options';
import { tokenAt, type Token } from './suggest';
import { useQuickMatches } from './useQuickMatches';

/**
 * The box's options for `text` with the caret at `caret`: filters from what is typed, people
 * from the server (and, until it answers, the people of the caller's direct messages), channels
 * from the sidebar for `in:`, and quick matches of people and channels. Asks the server only
 * while `enabled` (the box is open).
 */
export function useSuggestions(text: string, caret: number, enabled: boolean): { token: Token | null; options: SearchOption[] } {
  const token = useMemo(() => tokenAt(text, caret), [text, caret]);
  const queries = suggestionQueries(text, token);
  const quick = useQuickMatches(enabled ? queries.people : '', enabled ? queries.channels : '');
  const knownPeople = useKnownPeople();
  const { sidebar } = useSidebar();
  const myChannels = useMemo(
    () => (sidebar?.channels ?? []).map(({ channel }) => ({ name: channel.name, slug: channel.slug })),
    [sidebar],
  );
  const options = useMemo(
    () => buildOptions(text, token, { myChannels, knownPeople, people: quick.people, channels: quick.channels }),
    [text, token, myChannels, knownPeople, quick.people, quick.channels],
  );
  return { token, options };
}

/** The caller and the people of their direct messages, as the user directory knows them. */
function useKnownPeople(): UserView[] {
  const me = useCurrentUser();
  const { users } = useServices();
  const { sidebar } = useSidebar();
  const ids = useMemo(
    () =>
      (sidebar?.conversations ?? [])
        .filter(({ conversation }) => conversation.kind === 'direct')
        .flatMap(({ conversation }) => conversation.participantIDs.filter((id) => id !== me.id)),
    [sidebar, me.id],
  );
  useUserNames(ids);
  const version = useSyncExternalStore(users.subscribe, users.getVersion);
  return useMemo(() => {
    void version;
    const known = ids.map((id) => users.get(id)).filter((u): u is UserView => Boolean(u) && !u?.deactivated);
    return [...known, toUserView(me)];
  }, [ids, users, version, me]);
}
