import type { CustomStatus } from '../api/types.generated';

/** The "clear after" choices of the status form, in the order shown. */
export const CLEAR_AFTER = [
  { id: 'never', label: "Don't clear" },
  { id: '30m', label: '30 minutes' },
  { id: '1h', label: '1 hour' },
  { id: '4h', label: '4 hours' },
  { id: 'today', label: 'Today' },
  { id: 'week', label: 'This week' },
] as const;

export type ClearAfter = (typeof CLEAR_AFTER)[number]['id'];

const MINUTE = 60_000;

/**
 * When a status set at `now` with `choice` clears itself: null for never; "today" at the next
 * local midnight; "this week" at the local midnight that starts next Monday.
 */
export function clearAtFor(choice: ClearAfter, now: Date): Date | null {
  switch (choice) {
    case 'never':
      return null;
    case '30m':
      return new Date(now.getTime() + 30 * MINUTE);
    case '1h':
      return new Date(now.getTime() + 60 * MINUTE);
    case '4h':
      return new Date(now.getTime() + 240 * MINUTE);
    case 'today':
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    case 'week': {
      // getDay(): Sunday 0 ... Saturday 6; days until the coming Monday, 1 to 7.
      const days = ((8 - now.getDay()) % 7) || 7;
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
    }
  }
}

/** Whether a status still shows at `now` (milliseconds since the epoch). */
export function isStatusCurrent(status: CustomStatus | null | undefined, now: number): status is CustomStatus {
  if (!status) return false;
  return status.clearAt === null || Date.parse(status.clearAt) > now;
}

/** Milliseconds until the status clears itself; null when it never does. */
export function msUntilCleared(status: CustomStatus, now: number): number | null {
  if (status.clearAt === null) return null;
  return Math.max(0, Date.parse(status.clearAt) - now);
}

/** "until 17:30", "until Tue 17:30" within the week, else "until 3 May 17:30" (the reader's locale and zone). */
export function untilText(clearAt: string, now: Date, locale?: string): string {
  const at = new Date(clearAt);
  // "Today" clears at the coming midnight: say so rather than "until Sat 00:00".
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  if (at.getTime() === tomorrow.getTime()) return 'until midnight';
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  const sameDay = at.toDateString() === now.toDateString();
  const withinWeek = at.getTime() - now.getTime() < 6 * 24 * 60 * MINUTE;
  const options: Intl.DateTimeFormatOptions = sameDay
    ? time
    : withinWeek
      ? { ...time, weekday: 'short' }
      : { ...time, day: 'numeric', month: 'short' };
  return `until ${at.toLocaleString(locale, options)}`;
}

/** The hover text of a status: its words (or emoji alone) and when it clears. */
export function statusTitle(status: CustomStatus, now: Date, locale?: string): string {
  const words = status.text || status.emoji;
  return status.clearAt ? `${words} (${untilText(status.clearAt, now, locale)})` : words;
}

/** The time of day in `timeZone` ("15:05"), or null when the zone is unknown here. */
export function localTimeIn(timeZone: string, now: Date, locale?: string): string | null {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return null;
  }
}

/** The browser's own IANA time zone, if it says. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** The zones to choose from: what the browser knows, with `current` (if any) among them. */
export function timeZoneChoices(current: string | null): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // An older browser: the current zone alone is still a choice.
  }
  if (current && !zones.includes(current)) zones = [current, ...zones];
  return zones;
}
