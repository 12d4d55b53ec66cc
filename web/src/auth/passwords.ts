import { DISPLAY_NAME_MAX_CHARS, PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS } from '../limits';

/** What is wrong with a new password, or null (the server checks the same rules). */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN_CHARS) return `Use at least ${PASSWORD_MIN_CHARS} characters.`;
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) return 'That password is too long.';
  return null;
}

/** What is wrong with a display name, or null. */
export function displayNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter the name people will see.';
  if ([...trimmed].length > DISPLAY_NAME_MAX_CHARS) return `Use at most ${DISPLAY_NAME_MAX_CHARS} characters.`;
  return null;
}
