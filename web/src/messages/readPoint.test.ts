import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../api/types.generated';
import { extendRunStart, loadBackToReadPoint, needsOlderForReadPoint, READ_POINT_MAX_PAGES, type RunStart } from './readPoint';
import { msg } from './testMessages';

const page = (from: number, to: number, hasMoreOlder = true): MessagePage => ({
  items: Array.from({ length: to - from + 1 }, (_, i) => msg(to - i)),
  hasMoreOlder,
  hasMoreNewer: false,
  olderCursor: hasMoreOlder ? `before-${from}` : null,
  newerCursor: null,
});

describe('reaching the read point on opening', () => {
  it('loads older pages while the first unread message is older than the loaded run', () => {
    const start = extendRunStart(null, page(251, 300));
    expect(start.oldestSeq).toBe(251);
    expect(needsOlderForReadPoint(start, 0)).toBe(true);
    expect(needsOlderForReadPoint(start, 200)).toBe(true);
    const further = extendRunStart(start, page(151, 250));
    expect(further.oldestSeq).toBe(151);
    expect(needsOlderForReadPoint(further, 200)).toBe(false);
  });

  it('stops once the first unread message is loaded, or nothing older is left', () => {
    const start = extendRunStart(null, page(251, 300));
    expect(needsOlderForReadPoint(start, 250)).toBe(false);
    expect(needsOlderForReadPoint(start, 280)).toBe(false);
    expect(needsOlderForReadPoint(extendRunStart(null, page(1, 50, false)), 0)).toBe(false);
    const empty: RunStart = { oldestSeq: null, hasMoreOlder: true, olderCursor: 'x' };
    expect(needsOlderForReadPoint(empty, 0)).toBe(false);
  });

  it('keeps the oldest it has when an older page comes back empty', () => {
    const start = extendRunStart(null, page(251, 300));
    const none: MessagePage = { items: [], hasMoreOlder: false, hasMoreNewer: false, olderCursor: null, newerCursor: null };
    expect(extendRunStart(start, none)).toEqual({ oldestSeq: 251, hasMoreOlder: false, olderCursor: null });
  });
});

describe('loading back to the read point', () => {
  it('asks for older pages until the first unread message is in, then stops', async () => {
    const asked: string[] = [];
    const added: number[] = [];
    const older: Record<string, MessagePage> = { 'before-251': page(151, 250), 'before-151': page(51, 150) };
    await loadBackToReadPoint(
      page(251, 300),
      120,
      (cursor) => {
        asked.push(cursor);
        return Promise.resolve(older[cursor] ?? page(1, 1, false));
      },
      (p) => {
        added.push(p.items.length);
        return true;
      },
    );
    expect(asked).toEqual(['before-251', 'before-151']);
    expect(added).toEqual([100, 100]);
  });

  it('stops when told (the list was left) and after its page budget', async () => {
    let calls = 0;
    const endless = (cursor: string) => {
      calls++;
      const to = Number(cursor.slice('before-'.length)) - 1;
      return Promise.resolve(page(to - 9, to));
    };
    await loadBackToReadPoint(page(100_000, 100_010), 0, endless, () => false);
    expect(calls).toBe(1);
    calls = 0;
    await loadBackToReadPoint(page(100_000, 100_010), 0, endless, () => true);
    expect(calls).toBe(READ_POINT_MAX_PAGES);
  });
});
