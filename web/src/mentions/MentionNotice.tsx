import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { MentionOutsiders } from '../api/types.generated';
import { useServices } from '../core/services';
import { addMember } from '../channels/api';
import { addParticipants } from '../conversations/api';
import { listNames } from '../reactions/reactions';
import { useRealtimeEvent } from '../realtime/hooks';
import { useUserNames } from '../users/useUsers';

/**
 * Told to the author alone (`mention.outsiders`): people they mentioned are not here, so they
 * were not notified. Offers to add them (channels and groups).
 */
export function MentionNotice({ parent, canAdd }: { parent: ParentRef; canAdd: boolean }) {
  const { api } = useServices();
  const [notice, setNotice] = useState<MentionOutsiders | null>(null);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const nameOf = useUserNames(notice?.userIDs ?? []);

  useRealtimeEvent((event) => {
    if (event.type === 'mention.outsiders' && event.data.parentID === parent.id && event.data.userIDs.length > 0) {
      setNotice(event.data);
      setState({ busy: false, error: null });
    }
  });

  if (!notice) return null;
  const names = listNames(notice.userIDs.map(nameOf));
  const many = notice.userIDs.length > 1;
  const where = parent.type === 'channel' ? 'this channel' : 'this conversation';
  const add = () => {
    setState({ busy: true, error: null });
    const done =
      parent.type === 'channel'
        ? Promise.all(notice.userIDs.map((id) => addMember(api, parent.id, id)))
        : addParticipants(api, parent.id, notice.userIDs);
    done.then(
      () => setNotice(null),
      (err: unknown) => setState({ busy: false, error: errorMessage(err) }),
    );
  };

  return (
    <div className="mention-notice" role="status" data-testid="mention-outsiders">
      <span>
        {names} {many ? 'are' : 'is'} not in {where} and {many ? 'were' : 'was'} not notified
        {canAdd ? ' — add them?' : '.'}
      </span>
      {canAdd && (
        <button
          type="button"
          className="button button-primary"
          data-testid="mention-outsiders-add"
          disabled={state.busy}
          onClick={add}
        >
          Add
        </button>
      )}
      <button type="button" className="button button-quiet" onClick={() => setNotice(null)}>
        {canAdd ? 'Not now' : 'OK'}
      </button>
      {state.error && <span className="inline-error">{state.error}</span>}
    </div>
  );
}
