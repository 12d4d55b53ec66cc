import { useState } from 'react';
import type { Role, User } from '../api/types.generated';
import { useServices } from '../core/services';
import { useCurrentUser } from '../auth/session';
import { DIRECTORY_SEARCH_MAX_CHARS } from '../limits';
import { FormDialog } from '../ui/FormDialog';
import { useSubmit } from '../ui/useSubmit';
import { Avatar } from '../users/Avatar';
import { toUserView } from '../users/view';
import { usePagedSearch } from '../lib/usePagedSearch';
import { changeRole, changeStatus, listPeople } from './api';
import { assignableRoles, ROLE_LABELS, statusChangeBlocked } from './people';

/** Everyone in the workspace: search, change roles, deactivate and reactivate. */
export function PeopleTab() {
  const [q, setQ] = useState('');
  const directory = usePagedSearch(q, listPeople);
  const [confirming, setConfirming] = useState<User | null>(null);

  return (
    <>
      <input
        className="text-input browse-search"
        type="search"
        data-testid="admin-people-search"
        aria-label="Search people"
        placeholder="Search people by name or email"
        maxLength={DIRECTORY_SEARCH_MAX_CHARS}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {directory.error && (
        <p className="error-text" role="alert">
          {directory.error}
        </p>
      )}
      <ul className="admin-people" data-testid="admin-people" aria-busy={directory.loading}>
        {directory.items.map((person) => (
          <PersonRow
            key={person.id}
            person={person}
            onChanged={directory.update}
            onToggleStatus={() => setConfirming(person)}
          />
        ))}
      </ul>
      {!directory.loading && directory.items.length === 0 && !directory.error && (
        <p className="muted">{q ? `Nobody matches “${q}”.` : 'Nobody here yet.'}</p>
      )}
      {directory.loading && <p className="muted">Loading…</p>}
      {directory.hasMore && !directory.loading && (
        <button type="button" className="button" data-testid="admin-people-more" onClick={directory.loadMore}>
          Load more
        </button>
      )}
      {confirming && (
        <StatusDialog
          person={confirming}
          onClose={() => setConfirming(null)}
          onChanged={(user) => {
            directory.update(user);
            setConfirming(null);
          }}
        />
      )}
    </>
  );
}

function PersonRow({
  person,
  onChanged,
  onToggleStatus,
}: {
  person: User;
  onChanged: (user: User) => void;
  onToggleStatus: () => void;
}) {
  const { api, users } = useServices();
  const me = useCurrentUser();
  const saving = useSubmit();
  const { busy, error } = saving;
  const roles = assignableRoles(person, me.id);
  const blocked = statusChangeBlocked(person, me.id);
  const deactivated = person.status === 'deactivated';

  const setRole = (role: Role) =>
    saving.run(async () => {
      const user = await changeRole(api, person.id, role);
      onChanged(user);
      users.remember(toUserView(user));
    });

  return (
    <li className="admin-person" data-testid="admin-person" data-user-id={person.id} data-status={person.status}>
      <Avatar userId={person.id} name={person.displayName} avatar={person.avatar} />
      <div className="admin-person-text">
        <span className="admin-person-name">
          {person.displayName}
          {person.id === me.id && <span className="muted"> (you)</span>}
        </span>
        <span className="admin-person-detail muted">
          {person.email} · {person.provider === 'password' ? 'Password sign-in' : 'SSO'} · joined{' '}
          {new Date(person.createdAt).toLocaleDateString()}
        </span>
        {error && (
          <p className="field-error" role="alert" data-testid="admin-person-error">
            {error}
          </p>
        )}
      </div>
      <span className={`tag admin-status admin-status-${person.status}`} data-testid="admin-person-status">
        {deactivated ? 'Deactivated' : 'Active'}
      </span>
      <select
        className="text-input admin-role"
        aria-label={`Role of ${person.displayName}`}
        data-testid="admin-person-role"
        value={person.role}
        disabled={busy || roles.length < 2}
        title={
          person.id === me.id
            ? 'You cannot change your own role.'
            : person.provider === 'password'
              ? 'Password accounts stay guests.'
              : undefined
        }
        onChange={(e) => setRole(e.target.value as Role)}
      >
        {(roles.includes(person.role) ? roles : [person.role, ...roles]).map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={deactivated ? 'button' : 'button admin-danger'}
        data-testid={deactivated ? 'admin-person-reactivate' : 'admin-person-deactivate'}
        disabled={busy || blocked !== null}
        title={blocked ?? undefined}
        onClick={onToggleStatus}
      >
        {deactivated ? 'Reactivate' : 'Deactivate'}
      </button>
    </li>
  );
}

/** Asks before deactivating (which signs the person out everywhere) or reactivating. */
function StatusDialog({
  person,
  onClose,
  onChanged,
}: {
  person: User;
  onClose: () => void;
  onChanged: (user: User) => void;
}) {
  const { api, users } = useServices();
  const saving = useSubmit();
  const deactivating = person.status === 'active';

  const confirm = () =>
    saving.run(async () => {
      const user = await changeStatus(api, person.id, deactivating ? 'deactivated' : 'active');
      users.remember(toUserView(user));
      onChanged(user);
    });

  return (
    <FormDialog
      title={deactivating ? `Deactivate ${person.displayName}?` : `Reactivate ${person.displayName}?`}
      testId="admin-status-dialog"
      onClose={onClose}
      onSubmit={confirm}
      submitting={saving}
      submitLabel={deactivating ? 'Deactivate' : 'Reactivate'}
      submitTestId="admin-status-confirm"
      submitClassName={deactivating ? 'button admin-danger-solid' : 'button button-primary'}
    >
      <p>
        {deactivating
          ? 'They are signed out on every device at once and cannot sign in again until reactivated. Their messages stay.'
          : 'They can sign in again. Channels they were in are as they left them.'}
      </p>
    </FormDialog>
  );
}
