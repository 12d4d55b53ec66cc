import { describe, expect, it } from 'vitest';
import { EventNumbers } from './eventNumbers';

describe('EventNumbers', () => {
  it('misses nothing while numbers come in order', () => {
    const n = new EventNumbers();
    [1, 2, 3].forEach((seq) => n.received(seq));
    n.announced(3);
    expect(n.missing()).toBe(false);
  });

  it('misses a skipped number until it arrives late', () => {
    const n = new EventNumbers();
    n.received(1);
    n.received(3);
    expect(n.missing()).toBe(true);
    n.received(2);
    expect(n.missing()).toBe(false);
  });

  it('takes a duplicate calmly', () => {
    const n = new EventNumbers();
    [1, 2, 2, 1, 3].forEach((seq) => n.received(seq));
    expect(n.missing()).toBe(false);
  });

  it('misses what a pong says was sent but never came, even at the end of a quiet spell', () => {
    const n = new EventNumbers();
    n.received(1);
    n.announced(2);
    expect(n.missing()).toBe(true);
    n.forgive();
    expect(n.missing()).toBe(false);
    n.received(2);
    n.received(3);
    expect(n.missing()).toBe(false);
  });

  it('a pong before any event is no loss', () => {
    const n = new EventNumbers();
    n.announced(0);
    expect(n.missing()).toBe(false);
  });

  it('a huge jump is a loss without listing every number', () => {
    const n = new EventNumbers();
    n.received(1_000_000);
    expect(n.missing()).toBe(true);
    n.forgive();
    n.received(1_000_001);
    expect(n.missing()).toBe(false);
  });
});
