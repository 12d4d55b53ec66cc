import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const middle = () => 0.5;

describe('backoffDelay', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    const schedule = [0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, middle));
    expect(schedule).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('spreads each delay by up to 20% either way', () => {
    expect(backoffDelay(2, () => 0)).toBe(3200);
    expect(backoffDelay(2, () => 0.999999)).toBe(4800);
  });

  it('never waits longer than 30 s, even with jitter', () => {
    expect(backoffDelay(5, () => 0.999999)).toBe(30000);
    expect(backoffDelay(40, () => 0)).toBe(24000);
  });
});
