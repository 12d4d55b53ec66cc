import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Conversation } from '../api/types.generated';
import { HOME_PATH } from '../app/paths';
import { useCurrentUser } from '../auth/session';
import { Composer } from '../messages/Composer';
import { MessageList } from '../messages/MessageList';
import { ThreadPanel } from '../threads/ThreadPanel';
import { useOpenThread } from '../threads/useOpenThread';
import { TypingIndicator } from '../typing/TypingIndicator';
import { useTyping } from '../typing/useTyping';
import { useMessages } from '../messages/useMessages';
import { useMarkRead, useOpenParent } from '../sidebar/hooks';
import { ConversationHeader } from './ConversationHeader';
import { useConversationTitles } from './useConversationTitle';
import { useConversation } from './useConversation';

/** The route `/d/:id`: a direct message, group conversation or notes to self. */
export function ConversationPage() {
  const { id = '' } = useParams();
  const { result, replace } = useConversation(id);

  switch (result.status) {
    case 'loading':
      return <p className="main-message muted">Loading…</p>;
    case 'notFound':
      return (
        <div className="main-message" data-testid="conversation-not-found">
          <p>This conversation does not exist, or you are not in it.</p>
          <Link to={HOME_PATH}>Go to #general</Link>
        </div>
      );
    case 'error':
      return <p className="main-message error-text">{result.message}</p>;
    case 'ready':
      return (
        <ConversationView key={result.conversation.id} conversation={result.conversation} onConversation={replace} />
      );
  }
}

type ConversationViewProps = {
  conversation: Conversation;
  onConversation: (conversation: Conversation) => void;
};

function ConversationView({ conversation, onConversation }: ConversationViewProps) {
  const user = useCurrentUser();
  const messages = useMessages('conversation', conversation.id);
  const typing = useTyping({ type: 'conversation', id: conversation.id });
  const thread = useOpenThread();
  const list = useMemo(() => [conversation], [conversation]);
  const title = useConversationTitles(list)(conversation);
  const newest = messages.state.messages[messages.state.messages.length - 1];
  useOpenParent('conversation', conversation.id);
  useMarkRead({ type: 'conversation', id: conversation.id }, newest?.seq ?? null);

  useEffect(() => {
    document.title = `${title} · Parley`;
  }, [title]);

  const beginning =
    conversation.kind === 'notes' ? (
      <>This is your space for notes to self.</>
    ) : (
      <>
        This is the very beginning of your conversation with <strong>{title}</strong>.
      </>
    );

  return (
    <section className="channel" aria-label={title}>
      <ConversationHeader conversation={conversation} title={title} onConversation={onConversation} />
      <div className="channel-body">
        <div className="channel-main">
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
              label={title}
              beginning={beginning}
              state={messages.state}
              parent={{ type: 'conversation', id: conversation.id }}
              myName={user.displayName}
              loadingOlder={messages.loadingOlder}
              onLoadOlder={messages.loadOlder}
              onRetry={messages.retry}
              onDiscard={messages.discard}
            />
          )}
          <TypingIndicator typists={typing.typists} />
          <Composer target={title} onSend={messages.send} error={messages.sendError} onTyping={typing.typed} />
        </div>
        {thread.rootId && (
          <ThreadPanel
            key={thread.rootId}
            parent={{ type: 'conversation', id: conversation.id }}
            rootId={thread.rootId}
            onClose={thread.close}
          />
        )}
      </div>
    </section>
  );
}
