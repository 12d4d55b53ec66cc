import { useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Channel } from '../api/types.generated';
import { useServices } from '../app/services';
import { useCurrentUser } from '../auth/session';
import { Composer } from '../messages/Composer';
import { MessageList } from '../messages/MessageList';
import { ThreadPanel } from '../threads/ThreadPanel';
import { useOpenThread } from '../threads/useOpenThread';
import { TypingIndicator } from '../typing/TypingIndicator';
import { useTyping } from '../typing/useTyping';
import { useMessages } from '../messages/useMessages';
import { useMarkRead, useMembership, useOpenParent } from '../sidebar/hooks';
import { useSidebar } from '../sidebar/SidebarProvider';
import { joinChannel } from './api';
import { ChannelHeader } from './ChannelHeader';
import { MembersPanel } from './MembersPanel';
import { canJoin } from './permissions';
import { useMembers } from './useMembers';

type ChannelViewProps = {
  channel: Channel;
  /** A newer copy of the channel, from an action taken here. */
  onChannel: (channel: Channel) => void;
};

/** One channel: header, then its messages for members, or a way in for others. */
export function ChannelView({ channel, onChannel }: ChannelViewProps) {
  const membership = useMembership(channel.id);
  const members = useMembers(channel.id);
  const [membersOpen, setMembersOpen] = useState(false);
  const thread = useOpenThread();
  useOpenParent('channel', channel.id);

  useEffect(() => {
    document.title = `#${channel.name} · Parley`;
  }, [channel.name]);

  return (
    <section className="channel" aria-label={`#${channel.name}`}>
      <ChannelHeader
        channel={channel}
        membership={membership ?? null}
        memberCount={members.loading ? null : members.members.length}
        moreMembers={members.more}
        membersOpen={membersOpen}
        onToggleMembers={() => setMembersOpen((open) => !open)}
        onChannel={onChannel}
      />
      <div className="channel-body">
        <div className="channel-main">
          {membership === undefined ? (
            <p className="main-message muted">Loading…</p>
          ) : membership === null ? (
            <JoinPrompt channel={channel} />
          ) : (
            <ChannelMessages channel={channel} />
          )}
        </div>
        {membership && thread.rootId && (
          <ThreadPanel
            key={thread.rootId}
            parent={{ type: 'channel', id: channel.id }}
            rootId={thread.rootId}
            onClose={thread.close}
          />
        )}
        {membersOpen && (
          <MembersPanel
            channel={channel}
            membership={membership ?? null}
            members={members}
            onClose={() => setMembersOpen(false)}
          />
        )}
      </div>
    </section>
  );
}

/** A member's view: the messages, and the composer (or the archived banner instead). */
function ChannelMessages({ channel }: { channel: Channel }) {
  const user = useCurrentUser();
  const messages = useMessages('channel', channel.id);
  const typing = useTyping({ type: 'channel', id: channel.id });
  const newest = messages.state.messages[messages.state.messages.length - 1];
  useMarkRead({ type: 'channel', id: channel.id }, newest?.seq ?? null);

  return (
    <>
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
          label={`#${channel.name}`}
          beginning={
            <>
              This is the very beginning of <strong>#{channel.name}</strong>.
            </>
          }
          state={messages.state}
          parent={{ type: 'channel', id: channel.id }}
          myName={user.displayName}
          loadingOlder={messages.loadingOlder}
          onLoadOlder={messages.loadOlder}
          onRetry={messages.retry}
          onDiscard={messages.discard}
        />
      )}
      {channel.archived ? (
        <p className="archived-banner" role="status" data-testid="archived-banner">
          This channel is archived: you can read it, but nobody can post in it.
        </p>
      ) : (
        <>
          <TypingIndicator typists={typing.typists} />
          <Composer
            target={`#${channel.name}`}
            onSend={messages.send}
            error={messages.sendError}
            onTyping={typing.typed}
          />
        </>
      )}
    </>
  );
}

/** Shown to someone who is not in the channel: its messages are for members. */
function JoinPrompt({ channel }: { channel: Channel }) {
  const { api } = useServices();
  const user = useCurrentUser();
  const { addChannel } = useSidebar();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const joinable = canJoin(user.role, channel);

  return (
    <div className="main-message join-prompt" data-testid="join-bar">
      <p>
        {joinable
          ? `Join #${channel.name} to read its messages and post.`
          : `You are not a member of #${channel.name}.`}
      </p>
      {joinable && (
        <button
          type="button"
          className="button button-primary"
          data-testid="channel-join-button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            // Once in the sidebar, the membership exists and the messages load.
            joinChannel(api, channel.id).then(addChannel, (err: unknown) => {
              setError(errorMessage(err));
              setBusy(false);
            });
          }}
        >
          Join #{channel.name}
        </button>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
