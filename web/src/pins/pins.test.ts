import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types.generated';
import { applyPinChange, sortPins } from './pins';

const m = (id: string, pinnedAt: string | null, deleted = false): Message => ({ id, pinnedAt, deleted }) as Message;

describe('pinned messages', () => {
  it('are listed newest pin first', () => {
    expect(sortPins([m('a', '2026-01-01T00:00:00Z'), m('b', '2026-01-02T00:00:00Z')]).map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('follow pins, unpins, edits and deletes', () => {
    let pins = [m('a', '2026-01-01T00:00:00Z')];
    pins = applyPinChange(pins, m('b', '2026-01-03T00:00:00Z'));
    expect(pins.map((p) => p.id)).toEqual(['b', 'a']);
    pins = applyPinChange(pins, { ...m('a', '2026-01-01T00:00:00Z'), body: 'edited' });
    expect(pins[1]?.body).toBe('edited');
    pins = applyPinChange(pins, m('b', null));
    expect(pins.map((p) => p.id)).toEqual(['a']);
    expect(applyPinChange(pins, m('a', '2026-01-01T00:00:00Z', true))).toEqual([]);
    expect(applyPinChange(pins, m('zzz', null))).toBe(pins);
  });
});
