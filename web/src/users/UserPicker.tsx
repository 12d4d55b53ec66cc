import { X } from 'lucide-react';
import { useState } from 'react';
import type { UserView } from '../api/types.generated';
import { Avatar } from './Avatar';
import { useUserSearch } from './useUserSearch';

type UserPickerProps = {
  selected: UserView[];
  onChange: (selected: UserView[]) => void;
  /** People not to offer (e.g. the user, or those already in the channel). */
  exclude?: ReadonlySet<string>;
  /** At most this many may be picked. */
  max?: number;
  label?: string;
};

/** Pick people from the roster: search by name or handle, click to add, ✕ to take out. */
export function UserPicker({ selected, onChange, exclude, max, label = 'People' }: UserPickerProps) {
  const [q, setQ] = useState('');
  const search = useUserSearch(q);
  const chosen = new Set(selected.map((u) => u.id));
  const options = search.users.filter((u) => !chosen.has(u.id) && !exclude?.has(u.id));
  const full = max !== undefined && selected.length >= max;

  return (
    <div className="user-picker">
      <label className="field-label">
        {label}
        <input
          className="text-input"
          data-testid="user-picker-input"
          type="search"
          placeholder="Search by name or handle"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
        />
      </label>
      {selected.length > 0 && (
        <ul className="picked" aria-label="Picked">
          {selected.map((user) => (
            <li key={user.id} className="picked-user" data-testid="user-picker-selected" data-user-id={user.id}>
              {user.displayName}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${user.displayName}`}
                title="Remove"
                onClick={() => onChange(selected.filter((u) => u.id !== user.id))}
              >
                <X size={14} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {search.error && <p className="error-text">{search.error}</p>}
      {full ? (
        <p className="muted">That is as many people as can be added at once.</p>
      ) : (
        <ul className="user-options" aria-busy={search.loading}>
          {options.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                className="user-option"
                data-testid="user-picker-option"
                data-user-id={user.id}
                onClick={() => {
                  onChange([...selected, user]);
                  setQ('');
                }}
              >
                <Avatar userId={user.id} name={user.displayName} avatar={user.avatar} />
                {user.displayName}
              </button>
            </li>
          ))}
          {!search.loading && options.length === 0 && !search.error && (
            <li className="muted user-options-empty">{q ? 'Nobody matches.' : 'Nobody else here yet.'}</li>
          )}
        </ul>
      )}
    </div>
  );
}
