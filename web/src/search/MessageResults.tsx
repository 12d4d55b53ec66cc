import { useCallback, useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { MessageHit, SearchSort } from '../api/types.generated';
import { useServices } from '../core/services';
import { formatFullTime, formatMessageTime } from '../messages/formatTime';
import { messageHref } from '../messages/links';
import { Avatar } from '../users/Avatar';
import { useUserNames } from '../users/useUsers';
import { isQueryError, searchMessages } from './api';
import { Highlighted } from './Highlighted';
import { filterChips } from './query';
import { ResultStatus } from './ResultStatus';
import { useSearch } from './SearchContext';
import { usePlaces } from './usePlaces';
import { useResults } from './useResults';

const hitId = (hit: MessageHit) => hit.message.id;

/** The Messages tab: each hit with its author, place, time and snippet; opens the message in place. */
export function MessageResults({ q, sort }: { q: string; sort: SearchSort }) {
  const { api } = useServices();
  const { setQueryError } = useSearch();
  const fetchPage = useCallback((cursor: string | null) => searchMessages(api, q, sort, cursor), [api, q, sort]);
  const { state, setEndVisible, retry } = useResults(`${sort}\n${q}`, fetchPage, hitId);
  const nameOf = useUserNames(state.items.map((hit) => hit.message.authorID));
  const placeOf = usePlaces();

  // A query the server refused: the box says why, beside what was typed.
  useEffect(() => {
    setQueryError(isQueryError(state.error) ? { q, message: state.error.message } : null);
  }, [state.error, q, setQueryError]);
  useEffect(() => () => setQueryError(null), [setQueryError]);

  const filtered = filterChips(q).length > 0;
  return (
    <>
      {state.items.length > 0 && (
        <ol className="search-results" aria-label="Messages" data-testid="search-results">
          {state.items.map((hit) => {
            const { message } = hit;
            const place = placeOf(message.parentType, message.parentID);
            const author = nameOf(message.authorID);
            return (
              <li key={message.id}>
                <Link
                  className="search-result"
                  to={messageHref(place.href, message.id, message.threadRootID)}
                  data-testid="search-result"
                  data-message-id={message.id}
                >
                  <Avatar userId={message.authorID} name={author} />
                  <div className="search-result-text">
                    <div className="search-result-meta">
                      <span className="search-result-author">{author}</span>
                      <span className="search-result-place" data-testid="search-result-place">
                        {place.label}
                      </span>
                      {message.threadRootID && (
                        <span className="tag search-result-thread" data-testid="search-result-thread">
                          reply in thread
                        </span>
                      )}
                      <time className="search-result-time" dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
                        {formatMessageTime(message.createdAt)}
                      </time>
                    </div>
                    <p className="search-result-snippet" data-testid="search-snippet">
                      <Highlighted segments={hit.snippet} />
                    </p>
                  </div>
                </Link>
              </li>
            );
          })}
        </ol>
      )}
      <ResultStatus
        state={state}
        retry={retry}
        setEndVisible={setEndVisible}
        empty={
          <>
            <p>
              No messages match <strong>{q}</strong>.
            </p>
            <p className="muted">
              {filtered
                ? 'Try removing a filter, or fewer words.'
                : 'Try fewer or other words, or check the spelling.'}
            </p>
          </>
        }
      />
    </>
  );
}
