// The results page's address: the query, the sort, the tab and the channels' archive toggle, so
// Back returns to a search and a search can be linked.
import type { SearchSort } from '../api/types.generated';
import { SEARCH_PATH } from '../core/paths';

export const SEARCH_TABS = ['messages', 'files', 'people', 'channels'] as const;
export type SearchTab = (typeof SEARCH_TABS)[number];

export type SearchState = { q: string; sort: SearchSort; tab: SearchTab; archived: boolean };

export function readSearch(params: URLSearchParams): SearchState {
  const tab = params.get('tab');
  return {
    q: params.get('q') ?? '',
    sort: params.get('sort') === 'relevance' ? 'relevance' : 'newest',
    tab: (SEARCH_TABS as readonly string[]).includes(tab ?? '') ? (tab as SearchTab) : 'messages',
    archived: params.get('archived') === 'true',
  };
}

/** The page's address; defaults are left out, so a plain search reads `/search?q=…`. */
export function searchHref(state: Partial<SearchState> & { q: string }): string {
  const params = new URLSearchParams({ q: state.q });
  if (state.sort === 'relevance') params.set('sort', 'relevance');
  if (state.tab && state.tab !== 'messages') params.set('tab', state.tab);
  if (state.archived) params.set('archived', 'true');
  return `${SEARCH_PATH}?${params}`;
}
