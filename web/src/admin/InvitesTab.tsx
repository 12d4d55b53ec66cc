import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/errors';
import type { Invite } from '../api/types.generated';
import { useServices } from '../core/services';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';
import { useUserNames } from '../users/useUsers';
import { listInvites, revokeInvite } from './api';

type Loaded = { items: Invite[]; nextCursor: string | null };

/** Pending invites (not accepted, revoked or expired), newest first, each with Revoke. */
export function InvitesTab() {
  const { api } = useServices();
  const [loaded, setLoaded] = useState<Loaded>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Invite | null>(null);
  const nameOf = useUserNames(loaded.items.map((i) => i.invitedBy));

  const load = useCallback(
    (cursor: string | null) => {
      setLoading(true);
      listInvites(api, cursor).then(
        (page) => {
          setLoaded((was) => ({
            items: cursor ? [...was.items, ...page.items.filter((i) => !was.items.some((w) => w.id === i.id))] : page.items,
            nextCursor: page.nextCursor,
          }));
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          setError(errorMessage(err));
          setLoading(false);
        },
      );
    },
    [api],
  );

  useEffect(() => load(null), [load]);

  return (
    <>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <ul className="admin-people" data-testid="admin-invites" aria-busy={loading}>
        {loaded.items.map((invite) => (
          <li key={invite.id} className="admin-person" data-testid="admin-invite" data-invite-id={invite.id}>
            <div className="admin-person-text">
              <span className="admin-person-name">{invite.email}</span>
              <span className="admin-person-detail muted">
                Invited by {nameOf(invite.invitedBy)} on {new Date(invite.createdAt).toLocaleDateString()} · expires{' '}
                {new Date(invite.expiresAt).toLocaleDateString()}
                {invite.channelIDs.length > 0 &&
                  ` · ${invite.channelIDs.length} ${invite.channelIDs.length === 1 ? 'channel' : 'channels'} besides #general`}
              </span>
            </div>
            <button
              type="button"
              className="button admin-danger"
              data-testid="admin-invite-revoke"
              onClick={() => setRevoking(invite)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {!loading && loaded.items.length === 0 && !error && (
        <p className="muted" data-testid="admin-invites-empty">
          No pending invites.
        </p>
      )}
      {loading && <p className="muted">Loading…</p>}
      {loaded.nextCursor && !loading && (
        <button type="button" className="button" onClick={() => load(loaded.nextCursor)}>
          Load more
        </button>
      )}
      {revoking && (
        <RevokeDialog
          invite={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setLoaded((was) => ({ ...was, items: was.items.filter((i) => i.id !== revoking.id) }));
            setRevoking(null);
          }}
        />
      )}
    </>
  );
}

/** Asks before revoking: the emailed link stops working at once. */
function RevokeDialog({ invite, onClose, onRevoked }: { invite: Invite; onClose: () => void; onRevoked: () => void }) {
  const { api } = useServices();
  const saving = useSubmit();
  return (
    <FormDialog
      title={`Revoke the invite to ${invite.email}?`}
      testId="admin-revoke-dialog"
      onClose={onClose}
      onSubmit={() => saving.run(() => revokeInvite(api, invite.id).then(onRevoked))}
      submitting={saving}
      submitLabel="Revoke"
      submitTestId="admin-revoke-confirm"
      submitClassName="button admin-danger-solid"
    >
      <p>The link in their email stops working. You can invite them again later.</p>
    </FormDialog>
  );
}
