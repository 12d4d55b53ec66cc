import { useEffect, useState } from 'react';
import type { Channel, UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { searchChannels, searchPeople } from './api';

/** The box waits this long after the last keystroke before asking the server. */
export const SUGGEST_DELAY_MS = 150;

type Found<T> = { q: string; items: T[] };

/**
 * People and channels matching what is typed, from the server, debounced. Each list answers
 * one text: while a newer text is on its way the older answer is not shown.
 */
export function useQuickMatches(peopleQ: string, channelsQ: string): { people: UserView[]; channels: Channel[] } {
  const { api, users } = useServices();
  const [people, setPeople] = useState<Found<UserView> | null>(null);
  const [channels, setChannels] = useState<Found<Channel> | null>(null);

  useEffect(() => {
    if (!peopleQ) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchPeople(api, peopleQ).then(
        (page) => {
          if (cancelled) return;
          for (const user of page.items) users.remember(user);
          setPeople({ q: peopleQ, items: page.items });
        },
        // Suggestions are a help: a failure leaves them out, the search itself still runs.
        () => !cancelled && setPeople({ q: peopleQ, items: [] }),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, users, peopleQ]);

  useEffect(() => {
    if (!channelsQ) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchChannels(api, channelsQ).then(
        (page) => !cancelled && setChannels({ q: channelsQ, items: page.items }),
        () => !cancelled && setChannels({ q: channelsQ, items: [] }),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, channelsQ]);

  return {
    people: peopleQ && people?.q === peopleQ ? people.items : [],
    channels: channelsQ && channels?.q === channelsQ ? channels.items : [],
  };
}
