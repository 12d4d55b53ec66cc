import { describe, expect, it } from 'vitest';
import { canInvite } from './permissions';

describe('canInvite', () => {
  it('never lets guests invite', () => {
    expect(canInvite('guest', 'everyone')).toBe(false);
    expect(canInvite('guest', null)).toBe(false);
  });

  it('follows the workspace policy for members', () => {
    expect(canInvite('member', 'everyone')).toBe(true);
    expect(canInvite('member', 'admins')).toBe(false);
    expect(canInvite('member', null)).toBe(true);
    expect(canInvite('admin', 'admins')).toBe(true);
  });
});
