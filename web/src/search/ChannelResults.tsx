import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import type { Channel } from '../api/types.generated';
import { channelUrl } from '../core/paths';
import { useServices } from '../core/services';
import { useSidebar } from '../sidebar/SidebarProvider';
import { searchChannels } from './api';
import { ResultStatus } from './ResultStatus';
import { useResults } from './useResults';
import { PlaceIcon } from '../ui/PlaceIcon';

const channelId = (channel: Channel) => channel.id;

type ChannelResultsProps = {
  words: string;
  archived: boolean;
  onArchived: (archived: boolean) => void;
};

/** The Channels tab: channels matching the words, archived ones when asked; opens the channel. */
export function ChannelResults({ words, archived, onArchived }: ChannelResultsProps) {
  const { api } = useServices();
  const { sidebar } = useSidebar();
  const fetchPage = useCallback(
    async (_cursor: string | null) => ({ items: (await searchChannels(api, words, archived)).items, nextCursor: null }),
    [api, words, archived],
  );
  const { state, setEndVisible, retry } = useResults(`${archived}\n${words}`, fetchPage, channelId);
  const joined = new Set(sidebar?.channels.map((c) => c.channel.id));
  return (
    <>
      <label className="search-toggle">
        <input type="checkbox" data-testid="search-archived" checked={archived} onChange={(e) => onArchived(e.target.checked)} />{' '}
        Include archived channels
      </label>
      {state.items.length > 0 && (
        <ul className="search-results" aria-label="Channels" data-testid="search-results">
          {state.items.map((channel) => (
            <li key={channel.id}>
              <Link className="search-result search-channel" to={channelUrl(channel.slug)} data-testid="search-channel" data-slug={channel.slug}>
                <span className="search-channel-hash" aria-hidden="true">
                  <PlaceIcon kind={channel.type} size={14} />
                </span>
                <span className="search-result-text">
                  <span className="search-result-meta">
                    <span className="search-result-author">{channel.name}</span>
                    {joined.has(channel.id) && <span className="tag">member</span>}
                    {channel.archived && (
                      <span className="tag" data-testid="search-channel-archived">
                        archived
                      </span>
                    )}
                  </span>
                  {channel.description && <span className="search-result-snippet muted">{channel.description}</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <ResultStatus
        state={state}
        retry={retry}
        setEndVisible={setEndVisible}
        empty={
          <>
            <p>
              No channels match <strong>{words}</strong>.
            </p>
            {!archived && <p className="muted">Archived channels are left out: include them above.</p>}
          </>
        }
      />
    </>
  );
}
