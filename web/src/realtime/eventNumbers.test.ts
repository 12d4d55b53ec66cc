import { describe, expect, it } from 'vitest';
import { EventNumbers } from './eventNumbers';

/** Feeds events named by their numbers; returns what was let through, in order. */
function feed(n: EventNumbers<string>, numbers: number[]): string[] {
  return numbers.flatMap((seq) => n.received(seq, `e${seq}`));
}

describe('EventNumbers', () => {
  it('lets events through as they come while numbers come in order, and misses nothing', () => {
    const n = new EventNumbers<string>();
    expect(feed(n, [1, 2, 3])).toEqual(['e1', 'e2', 'e3']);
    n.announced(3);
    expect(n.missing()).toBe(false);
  });

  it('holds 2 until 1 comes, then lets both through in order', () => {
    const n = new EventNumbers<string>();
    expect(feed(n, [2])).toEqual([]);
    expect(n.missing()).toBe(true);
    expect(feed(n, [1])).toEqual(['e1', 'e2']);
    expect(n.missing()).toBe(false);
  });

  it('holds what follows a gap until it is filled', () => {
    const n = new EventNumbers<string>();
    expect(feed(n, [1, 3, 5, 4])).toEqual(['e1']);
    expect(n.missing()).toBe(true);
    expect(feed(n, [2])).toEqual(['e2', 'e3', 'e4', 'e5']);
    expect(n.missing()).toBe(false);
    expect(feed(n, [6])).toEqual(['e6']);
  });

  it('drops duplicates, whether let through already or still held', () => {
    const n = new EventNumbers<string>();
    expect(feed(n, [1, 1, 3, 3, 2, 2, 1, 3])).toEqual(['e1', 'e2', 'e3']);
    expect(n.missing()).toBe(false);
  });

  it('a skipped gap lets the held events through in order and goes on after them', () => {
    const n = new EventNumbers<string>();
    expect(feed(n, [1, 5, 3])).toEqual(['e1']);
    expect(n.skip()).toEqual(['e3', 'e5']);
    expect(n.missing()).toBe(false);
    // The catch-up covered 2 and 4: coming late, they are dropped.
    expect(feed(n, [4, 2, 6])).toEqual(['e6']);
  });

  it('misses what a pong says was sent but never came, even at the end of a quiet spell', () => {
    const n = new EventNumbers<string>();
    expect(feed(n, [1])).toEqual(['e1']);
    n.announced(2);
    expect(n.missing()).toBe(true);
    expect(n.skip()).toEqual([]);
    expect(n.missing()).toBe(false);
    expect(feed(n, [2, 3])).toEqual(['e3']);
  });

  it('a pong that overtook its events is no loss once they come', () => {
    const n = new EventNumbers<string>();
    n.announced(2);
    expect(feed(n, [2, 1])).toEqual(['e1', 'e2']);
    n.announced(1); // an older pong, late
    expect(n.missing()).toBe(false);
  });

  it('a pong before any event is no loss', () => {
    const n = new EventNumbers<string>();
    n.announced(0);
    expect(n.missing()).toBe(false);
  });

  it('a huge jump is held, then let through when skipped', () => {
    const n = new EventNumbers<string>();
    expect(feed(n, [1_000_000])).toEqual([]);
    expect(n.missing()).toBe(true);
    expect(n.skip()).toEqual(['e1000000']);
    expect(feed(n, [1_000_001])).toEqual(['e1000001']);
    expect(n.missing()).toBe(false);
  });

  it('is full at 1,000 held events', () => {
    const n = new EventNumbers<string>();
    const early = Array.from({ length: 999 }, (_, i) => 1000 - i); // 1000 down to 2: 1 is missing
    expect(feed(n, early)).toEqual([]);
    expect(n.full()).toBe(false);
    expect(feed(n, [1001])).toEqual([]);
    expect(n.full()).toBe(true);
    expect(n.skip()).toEqual(Array.from({ length: 1000 }, (_, i) => `e${i + 2}`));
    expect(n.full()).toBe(false);
  });
});
