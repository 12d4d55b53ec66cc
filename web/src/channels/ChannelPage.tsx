import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { channelUrl } from '../core/paths';
import { HOME_PATH } from '../core/paths';
import { ChannelView } from './ChannelView';
import { useChannel } from './useChannel';

/** The route `/c/:slug`: finds the channel, follows it to its current slug, then shows it. */
export function ChannelPage() {
  const { slug = '' } = useParams();
  const navigate = useNavigate();
  const { search } = useLocation();
  const { result, replace } = useChannel(slug);
  const currentSlug = result.status === 'ready' ? result.channel.slug : null;

  // An old slug (or a rename while open): the address follows the channel's current name.
  useEffect(() => {
    // A link to a message (`?message=`) keeps pointing at it.
    if (currentSlug && currentSlug !== slug) void navigate({ pathname: channelUrl(currentSlug), search }, { replace: true });
  }, [currentSlug, slug, navigate, search]);

  switch (result.status) {
    case 'loading':
      return <p className="main-message muted">Loading…</p>;
    case 'notFound':
      return (
        <div className="main-message" data-testid="channel-not-found">
          <p>There is no channel #{slug}, or you cannot see it.</p>
          <Link to={HOME_PATH}>Go to #general</Link>
        </div>
      );
    case 'error':
      return <p className="main-message error-text">{result.message}</p>;
    case 'ready':
      // Keyed by id: another channel starts with fresh message state.
      return <ChannelView key={result.channel.id} channel={result.channel} onChannel={replace} />;
  }
}
