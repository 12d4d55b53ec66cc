import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Channel, Message } from '../api/types.generated';
import { useCurrentUser } from '../auth/session';
import { useServices } from '../core/services';
import { Markdown } from '../markdown/Markdown';
import { fetchMessages } from '../messages/api';
import { formatFullTime, formatMessageTime } from '../messages/formatTime';
import { SystemMessageItem } from '../messages/SystemMessageItem';
import { useSidebar } from '../sidebar/SidebarProvider';
import { Avatar } from '../users/Avatar';
import { useHandleNames, useUserNames } from '../users/useUsers';
import { joinChannel } from './api';
import { canJoin } from './permissions';

type PreviewState = {
  /** Oldest first. */
  messages: Message[];
  olderCursor: string | null;
  loading: boolean;
  error: string | null;
};

/** Merges a page into what is shown, oldest first, each message once. */
function merged(shown: Message[], page: Message[]): Message[] {
  const byId = new Map([...shown, ...page].map((m) => [m.id, m]));
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * What someone outside a public channel sees, as Slack does: its messages, read only (as they
 * were on opening; older pages on demand), and a bar to join it. Joining adds the channel to
 * the sidebar, and the channel then opens as a member's.
 */
export function ChannelPreview({ channel, memberCount }: { channel: Channel; memberCount: string }) {
  const { api } = useServices();
  const [state, setState] = useState<PreviewState>({ messages: [], olderCursor: null, loading: true, error: null });

  const load = useCallback(
    (before: string | null) => {
      setState((s) => ({ ...s, loading: true, error: null }));
      fetchMessages(api, { type: 'channel', id: channel.id }, before ? { before } : {}).then(
        (page) =>
          setState((s) => ({
            messages: merged(s.messages, page.items),
            olderCursor: page.hasMoreOlder ? page.olderCursor : null,
            loading: false,
            error: null,
          })),
        (err: unknown) => setState((s) => ({ ...s, loading: false, error: errorMessage(err) })),
      );
    },
    [api, channel.id],
  );

  useEffect(() => load(null), [load]);

  return (
    <div className="channel-preview" data-testid="channel-preview">
      <ol className="message-list preview-list" aria-label={`Messages in #${channel.name} (preview)`}>
        <li className="message-list-top">
          {state.olderCursor ? (
            <button
              type="button"
              className="button"
              data-testid="preview-load-older"
              disabled={state.loading}
              onClick={() => load(state.olderCursor)}
            >
              Load older messages
            </button>
          ) : (
            !state.loading && (
              <p className="channel-start">
                This is the very beginning of <strong>#{channel.name}</strong>.
              </p>
            )
          )}
        </li>
        <PreviewMessages messages={state.messages} />
      </ol>
      {state.loading && <p className="muted preview-status">Loading…</p>}
      {state.error && (
        <p className="error-text preview-status" role="alert">
          {state.error}
        </p>
      )}
      <JoinBar channel={channel} memberCount={memberCount} />
    </div>
  );
}

function PreviewMessages({ messages }: { messages: Message[] }) {
  const nameOf = useUserNames(messages.map((m) => m.authorID));
  const mentionName = useHandleNames(messages.flatMap((m) => m.mentionIDs));
  const me = useCurrentUser();
  return (
    <>
      {messages.map((message) =>
        message.system ? (
          <SystemMessageItem key={message.id} message={message} note={message.system} nameOf={nameOf} />
        ) : (
          <li key={message.id} className="message" data-testid="preview-message" data-message-id={message.id}>
            <div className="message-gutter" aria-hidden="true">
              <Avatar userId={message.authorID} name={nameOf(message.authorID)} />
            </div>
            <div className="message-content">
              <div className="message-meta">
                <span className="message-author">{nameOf(message.authorID)}</span>
                <time className="message-time" dateTime={message.createdAt} title={formatFullTime(message.createdAt)}>
                  {formatMessageTime(message.createdAt)}
                </time>
              </div>
              {message.deleted ? (
                <p className="message-body is-deleted">This message was deleted.</p>
              ) : (
                <div className="message-body" data-testid="preview-message-body">
                  <Markdown body={message.body} mentionName={mentionName} myHandle={me.handle} />
                  {message.editedAt && <span className="message-edited"> (edited)</span>}
                </div>
              )}
              {message.replyCount > 0 && (
                <p className="muted preview-replies">
                  {message.replyCount === 1 ? '1 reply' : `${message.replyCount} replies`}
                </p>
              )}
            </div>
          </li>
        ),
      )}
    </>
  );
}

/** "You are reading #news · 12 members · Join": or why one cannot join (archived, a guest). */
function JoinBar({ channel, memberCount }: { channel: Channel; memberCount: string }) {
  const { api } = useServices();
  const user = useCurrentUser();
  const { addChannel } = useSidebar();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const joinable = canJoin(user.role, channel);

  return (
    <div className="join-bar" data-testid="join-bar" role="region" aria-label={`Join #${channel.name}`}>
      <p>
        {channel.archived ? (
          <>This channel is archived: you can read it, but nobody can join or post.</>
        ) : (
          <>
            You are previewing <strong>#{channel.name}</strong> ({memberCount}).
          </>
        )}
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
            // Once in the sidebar, the membership exists and the channel opens as a member's.
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
