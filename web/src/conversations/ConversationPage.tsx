import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { ParentRef } from '../api/routes';
import { conversationUrl } from '../core/paths';
import type { Conversation } from '../api/types.generated';
import { HOME_PATH } from '../core/paths';
import { FilesButton } from '../files/FilesButton';
import { FilesPanel } from '../lazy/parts';
import { MessagePane } from '../messages/MessagePane';
import { PinnedPanel } from '../lazy/parts';
import { PinsButton } from '../pins/PinsButton';
import { SearchHereButton } from '../search/SearchHereButton';
import { useOpenParent } from '../sidebar/hooks';
import { ThreadPanel } from '../lazy/parts';
import { useOpenThread } from '../threads/useOpenThread';
import { ConversationHeader } from './ConversationHeader';
import { useConversationTitles } from './useConversationTitle';
import { useConversation } from './useConversation';
import { usePeerHandle } from './usePeerHandle';

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
  const thread = useOpenThread();
  const [panel, setPanel] = useState<'pins' | 'files' | null>(null);
  const toggle = (which: 'pins' | 'files') => setPanel((open) => (open === which ? null : which));
  const list = useMemo(() => [conversation], [conversation]);
  const title = useConversationTitles(list)(conversation);
  const parent = useMemo((): ParentRef => ({ type: 'conversation', id: conversation.id }), [conversation.id]);
  const href = conversationUrl(conversation.id);
  useOpenParent('conversation', conversation.id);
  const peerHandle = usePeerHandle(conversation);

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
      <ConversationHeader
        conversation={conversation}
        title={title}
        onConversation={onConversation}
        extraActions={
          <>
            {peerHandle && <SearchHereButton filter={`in:@${peerHandle}`} label="Search in this conversation" />}
            <PinsButton open={panel === 'pins'} onToggle={() => toggle('pins')} />
            <FilesButton open={panel === 'files'} onToggle={() => toggle('files')} />
          </>
        }
      />
      <div className="channel-body">
        <div className="channel-main">
          <MessagePane
            parent={parent}
            parentHref={href}
            label={title}
            beginning={beginning}
            canModerate={false}
            groupMentions={conversation.kind === 'group'}
          />
        </div>
        {thread.rootId && (
          <ThreadPanel
            key={thread.rootId}
            parent={parent}
            parentHref={href}
            rootId={thread.rootId}
            canModerate={false}
            groupMentions={conversation.kind === 'group'}
            onClose={thread.close}
          />
        )}
        {panel === 'pins' && <PinnedPanel parent={parent} parentHref={href} onClose={() => setPanel(null)} />}
        {panel === 'files' && <FilesPanel parent={parent} parentHref={href} onClose={() => setPanel(null)} />}
      </div>
    </section>
  );
}
