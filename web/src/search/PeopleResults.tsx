import { useCallback, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { UserView } from '../api/types.generated';
import { useServices } from '../core/services';
import { PresenceDot } from '../presence/PresenceDot';
import { Avatar } from '../users/Avatar';
import { displayName } from '../users/useUsers';
import { searchPeople } from './api';
import { ResultStatus } from './ResultStatus';
import { useOpenPerson } from './useOpenPerson';
import { useResults } from './useResults';

const userId = (user: UserView) => user.id;

/** The People tab: who matches the words (filters aside); picking one opens your direct message. */
export function PeopleResults({ words }: { words: string }) {
  const { api, users } = useServices();
  const openPerson = useOpenPerson();
  const [error, setError] = useState<string | null>(null);
  const fetchPage = useCallback(
    async (_cursor: string | null) => {
      const page = await searchPeople(api, words);
      for (const user of page.items) users.remember(user);
      return { items: page.items, nextCursor: null };
    },
    [api, users, words],
  );
  const { state, setEndVisible, retry } = useResults(words, fetchPage, userId);
  return (
    <>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {state.items.length > 0 && (
        <ul className="search-results" aria-label="People" data-testid="search-results">
          {state.items.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                className="search-result search-person"
                data-testid="search-person"
                data-user-id={user.id}
                title={`Message ${user.displayName}`}
                onClick={() => {
                  setError(null);
                  openPerson(user).catch((err: unknown) => setError(errorMessage(err)));
                }}
              >
                <span className="avatar-with-presence">
                  <Avatar userId={user.id} name={user.displayName} avatar={user.avatar} />
                  <PresenceDot userId={user.id} />
                </span>
                <span className="search-result-text">
                  <span className="search-result-author">{displayName(user)}</span>
                  <span className="muted">@{user.handle}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ResultStatus
        state={state}
        retry={retry}
        setEndVisible={setEndVisible}
        empty={
          <p>
            Nobody matches <strong>{words}</strong>.
          </p>
        }
      />
    </>
  );
}
