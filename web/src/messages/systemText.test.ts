import { describe, expect, it } from 'vitest';
import { systemText } from './systemText';

describe('systemText', () => {
  it('describes joins and leaves by the actor alone', () => {
    expect(systemText({ action: 'joined', targetID: null }, 'Ann', null)).toBe('Ann joined');
    expect(systemText({ action: 'left', targetID: null }, 'Bob', null)).toBe('Bob left');
  });

  it('names the person added or removed', () => {
    expect(systemText({ action: 'added', targetID: 'b' }, 'Ann', 'Bob')).toBe('Ann added Bob');
    expect(systemText({ action: 'removed', targetID: 'b' }, 'Ann', 'Bob')).toBe('Ann removed Bob');
  });

  it('still reads when the other person is unknown', () => {
    expect(systemText({ action: 'added', targetID: null }, 'Ann', null)).toBe('Ann added someone');
  });
});
