import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Channel } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { Composer } from '../messages/Composer';
import { MessageList } from '../messages/MessageList';
import { useChannelMessages } from '../messages/useChannelMessages';
import { ChannelHeader } from './ChannelHeader';
import { useChannel } from './useChannel';

/** The route `/c/:slug`: finds the channel, then shows it. */
export function ChannelPage() {
  const { slug = '' } = useParams();
  const result = useChannel(slug);

  switch (result.status) {
    case 'loading':
      return <p className="main-message muted">Loading…</p>;
    case 'notFound':
      return (
        <div className="main-message">
          <p>There is no channel #{slug}, or you cannot see it.</p>
          <Link to="/c/general">Go to #general</Link>
        </div>
      );
    case 'error':
      return <p className="main-message error-text">{result.message}</p>;
    case 'ready':
      // Keyed by id: another channel starts with fresh message state.
      return <ChannelView key={result.channel.id} channel={result.channel} />;
  }
}

function ChannelView({ channel }: { channel: Channel }) {
  const user = useCurrentUser();
  const messages = useChannelMessages(channel.id);

  useEffect(() => {
    document.title = `#${channel.name} · Parley`;
  }, [channel.name]);

  return (
    <section className="channel" aria-label={`#${channel.name}`}>
      <ChannelHeader channel={channel} />
      {messages.loadError ? (
        <div className="main-message">
          <p className="error-text">{messages.loadError}</p>
          <button type="button" className="button" onClick={messages.reload}>
            Try again
          </button>
        </div>
      ) : messages.loading ? (
        <p className="main-message muted">Loading messages…</p>
      ) : (
        <MessageList
          channelName={channel.name}
          state={messages.state}
          myName={user.displayName}
          loadingOlder={messages.loadingOlder}
          onLoadOlder={messages.loadOlder}
          onRetry={messages.retry}
          onDiscard={messages.discard}
        />
      )}
      <Composer
        channelName={channel.name}
        onSend={messages.send}
        error={messages.sendError}
        disabledReason={channel.archived ? 'This channel is archived.' : null}
      />
    </section>
  );
}
