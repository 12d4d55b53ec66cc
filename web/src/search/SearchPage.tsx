import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { SearchSort } from '../api/types.generated';
import { ChannelResults } from './ChannelResults';
import { FileResults } from './FileResults';
import { FilterChips } from './FilterChips';
import { MessageResults } from './MessageResults';
import { PeopleResults } from './PeopleResults';
import { freeText } from './query';
import { readSearch, SEARCH_TABS, searchHref, type SearchState, type SearchTab } from './searchUrl';
import { DrawerButton } from '../shell/drawer';

const TAB_NAMES: Record<SearchTab, string> = { messages: 'Messages', files: 'Files', people: 'People', channels: 'Channels' };
const SORTS: [SearchSort, string][] = [
  ['newest', 'Newest'],
  ['relevance', 'Best match'],
];

/** `/search?q=…`: the results of a query in tabs, its filters as chips, and the sort. */
export function SearchPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  // Each visit searches afresh: Enter again on the same query asks the server again.
  const visit = useLocation().key;
  const state = readSearch(params);
  const { q, tab } = state;
  const words = freeText(q);
  const go = (change: Partial<SearchState>) => void navigate(searchHref({ ...state, ...change }));

  useEffect(() => {
    document.title = q ? `${q} · Search · Parley` : 'Search · Parley';
  }, [q]);

  return (
    <section className="search-page" aria-label="Search results" data-testid="search-page">
      <header className="channel-header search-header">
        <DrawerButton />
        <div className="channel-header-text">
          <h1 className="channel-title">Search</h1>
          {q && <FilterChips q={q} onQuery={(next) => go({ q: next })} />}
        </div>
        {tab === 'messages' && q && (
          <div className="search-sort" role="group" aria-label="Sort">
            {SORTS.map(([sort, label]) => (
              <button
                key={sort}
                type="button"
                className={state.sort === sort ? 'button is-pressed' : 'button'}
                aria-pressed={state.sort === sort}
                data-testid={`search-sort-${sort}`}
                onClick={() => go({ sort })}
              >
                {label}
              </button>
            ))}
          </div>
        )}
      </header>
      <nav className="search-tabs" role="tablist" aria-label="What to search">
        {SEARCH_TABS.map((name) => (
          <Link
            key={name}
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'search-tab is-active' : 'search-tab'}
            data-testid={`search-tab-${name}`}
            to={searchHref({ ...state, tab: name })}
          >
            {TAB_NAMES[name]}
          </Link>
        ))}
      </nav>
      <div key={visit} className="search-body" role="tabpanel" aria-label={TAB_NAMES[tab]}>
        {!q ? (
          <SearchHelp />
        ) : tab === 'messages' ? (
          <MessageResults q={q} sort={state.sort} />
        ) : tab === 'files' ? (
          <FileResults q={q} />
        ) : !words ? (
          <p className="search-status muted">Type a name in the search box to find {tab === 'people' ? 'people' : 'channels'}.</p>
        ) : tab === 'people' ? (
          <PeopleResults words={words} />
        ) : (
          <ChannelResults words={words} archived={state.archived} onArchived={(archived) => go({ archived })} />
        )}
      </div>
    </section>
  );
}

function SearchHelp() {
  return (
    <div className="search-status search-help" data-testid="search-help">
      <p>
        Type what you are looking for in the search box above (<kbd>/</kbd> gets you there), then press Enter.
      </p>
      <ul className="muted">
        <li>
          <code>"exact phrase"</code> · <code>from:@handle</code> · <code>in:#channel</code> or <code>in:@handle</code>
        </li>
        <li>
          <code>has:file</code> <code>has:link</code> <code>has:pin</code> · <code>is:thread</code> · <code>mentions:@me</code>
        </li>
        <li>
          <code>before:</code>, <code>after:</code>, <code>on:</code> with a day (<code>2026-03-01</code>, <code>today</code>, <code>yesterday</code>)
        </li>
      </ul>
    </div>
  );
}
