import { TYPING_THROTTLE_SECONDS } from '../limits';

/** How long someone shows as typing after their last typing event. */
export const TYPING_SHOWN_MS = 5_000;
/** At most one typing frame per conversation this often (the server throttles the same). */
export const TYPING_SEND_EVERY_MS = TYPING_THROTTLE_SECONDS * 1000;

/** "Ann is typing…", "Ann and Bob are typing…", "Several people are typing…". */
export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** Who is still typing at `now`, given when each was last seen typing; oldest first. */
export function stillTyping(lastSeen: ReadonlyMap<string, number>, now: number): string[] {
  return [...lastSeen.entries()]
    .filter(([, at]) => now - at < TYPING_SHOWN_MS)
    .sort((a, b) => a[1] - b[1])
    .map(([user]) => user);
}

/** Whether a keystroke should tell the others, given when the last frame went out. */
export function shouldSendTyping(lastSentAt: number | null, now: number): boolean {
  return lastSentAt === null || now - lastSentAt >= TYPING_SEND_EVERY_MS;
}
