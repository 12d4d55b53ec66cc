/** Consecutive messages by one author within this span are shown as one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

type Groupable = { authorID: string; createdAt: string };

/** Whether `message` continues `previous`'s group (so its author and time need not repeat). */
export function continuesGroup(previous: Groupable | undefined, message: Groupable): boolean {
  if (!previous || previous.authorID !== message.authorID) return false;
  const gap = Date.parse(message.createdAt) - Date.parse(previous.createdAt);
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}
