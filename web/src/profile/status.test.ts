import { describe, expect, it } from 'vitest';
import type { CustomStatus } from '../api/types.generated';
import {
  clearAtFor,
  isStatusCurrent,
  localTimeIn,
  msUntilCleared,
  statusTitle,
  timeZoneChoices,
  untilText,
} from './status';

// Local times: the test runs in whatever zone the machine has, and "today" means the reader's.
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);

describe('clear after', () => {
  // A Wednesday afternoon.
  const now = at(2026, 5, 6, 15, 10);

  it('adds minutes and hours', () => {
    expect(clearAtFor('never', now)).toBeNull();
    expect(clearAtFor('30m', now)).toEqual(at(2026, 5, 6, 15, 40));
    expect(clearAtFor('1h', now)).toEqual(at(2026, 5, 6, 16, 10));
    expect(clearAtFor('4h', now)).toEqual(at(2026, 5, 6, 19, 10));
  });

  it('clears "today" at the next local midnight', () => {
    expect(clearAtFor('today', now)).toEqual(at(2026, 5, 7));
    expect(clearAtFor('today', at(2026, 5, 31, 23, 59))).toEqual(at(2026, 6, 1));
  });

  it('clears "this week" when next Monday starts', () => {
    expect(clearAtFor('week', now)).toEqual(at(2026, 5, 11));
    // On a Sunday that is tonight; on a Monday, a week on.
    expect(clearAtFor('week', at(2026, 5, 10, 9))).toEqual(at(2026, 5, 11));
    expect(clearAtFor('week', at(2026, 5, 11, 9))).toEqual(at(2026, 5, 18));
  });
});

describe('expiry', () => {
  const status = (clearAt: string | null): CustomStatus => ({ emoji: '🌴', text: 'Away', clearAt });
  const now = Date.parse('2026-05-06T12:00:00Z');

  it('shows a status until its clearing time, and one without a time always', () => {
    expect(isStatusCurrent(status(null), now)).toBe(true);
    expect(isStatusCurrent(status('2026-05-06T12:00:01Z'), now)).toBe(true);
    expect(isStatusCurrent(status('2026-05-06T12:00:00Z'), now)).toBe(false);
    expect(isStatusCurrent(null, now)).toBe(false);
  });

  it('says how long until it clears', () => {
    expect(msUntilCleared(status(null), now)).toBeNull();
    expect(msUntilCleared(status('2026-05-06T12:00:02.500Z'), now)).toBe(2500);
    expect(msUntilCleared(status('2026-05-06T11:00:00Z'), now)).toBe(0);
  });
});

describe('words', () => {
  it('says until when, with the day only when it is not today', () => {
    const now = at(2026, 5, 6, 15, 10);
    expect(untilText(at(2026, 5, 6, 17, 30).toISOString(), now, 'en-GB')).toBe('until 17:30');
    // ICU versions differ on a leading zero and a comma; the parts are what matter.
    expect(untilText(at(2026, 5, 8, 9, 0).toISOString(), now, 'en-GB')).toMatch(/^until Fri,? 0?9:00$/);
    expect(untilText(at(2026, 5, 30, 9, 0).toISOString(), now, 'en-GB')).toMatch(/^until 30 May,? 0?9:00$/);
    expect(untilText(at(2026, 5, 7, 0, 0).toISOString(), now, 'en-GB')).toBe('until midnight');
    expect(untilText(at(2026, 5, 8, 0, 0).toISOString(), now, 'en-GB')).toMatch(/^until Fri,? 00:00$/);
  });

  it('titles a status by its words, or its emoji alone', () => {
    const now = at(2026, 5, 6, 15, 10);
    expect(statusTitle({ emoji: '🌴', text: 'On holiday', clearAt: null }, now)).toBe('On holiday');
    expect(statusTitle({ emoji: '🌴', text: '', clearAt: null }, now)).toBe('🌴');
    const until = at(2026, 5, 6, 17, 30).toISOString();
    expect(statusTitle({ emoji: '', text: 'Lunch', clearAt: until }, now, 'en-GB')).toBe('Lunch (until 17:30)');
  });

  it('tells the time in another zone, and nothing for an unknown one', () => {
    const now = new Date('2026-05-06T12:05:00Z');
    expect(localTimeIn('Asia/Tokyo', now, 'en-GB')).toBe('21:05');
    expect(localTimeIn('America/New_York', now, 'en-GB')).toMatch(/^0?8:05$/);
    expect(localTimeIn('Mars/Olympus_Mons', now, 'en-GB')).toBeNull();
  });

  it('offers the browser zones, with the current one among them', () => {
    const zones = timeZoneChoices('Europe/Paris');
    expect(zones).toContain('Europe/Paris');
    expect(zones).toContain('Asia/Tokyo');
    expect(timeZoneChoices('Etc/Odd')[0]).toBe('Etc/Odd');
  });
});
