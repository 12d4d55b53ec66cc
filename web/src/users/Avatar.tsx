/** A round badge with the first letter of a name (until users have pictures). */
export function Avatar({ name }: { name: string }) {
  return (
    <span className="avatar" aria-hidden="true">
      {([...name.trim()][0] ?? '?').toUpperCase()}
    </span>
  );
}
