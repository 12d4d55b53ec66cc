import type { Channel } from '../api/types.generated';

export function ChannelHeader({ channel }: { channel: Channel }) {
  return (
    <header className="channel-header">
      <h1 className="channel-title" data-testid="channel-title">
        <span className="channel-hash" aria-hidden="true">
          {channel.type === 'private' ? '🔒' : '#'}
        </span>
        {channel.name}
      </h1>
      {channel.description && <p className="channel-description">{channel.description}</p>}
    </header>
  );
}
