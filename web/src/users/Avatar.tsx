import { avatarColor } from './avatarColor';

/**
 * A tile with the first letter of a name, in a colour of its own per person (from their id), so
 * authors side by side are told apart.
 */
export function Avatar({ userId, name }: { userId: string; name: string }) {
  return (
    <span className="avatar" aria-hidden="true" style={{ backgroundColor: avatarColor(userId) }}>
      {([...name.trim()][0] ?? '?').toUpperCase()}
    </span>
  );
}
