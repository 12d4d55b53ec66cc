import { describe, expect, it } from 'vitest';
import type { User } from '../api/types.generated';
import { assignableRoles, statusChangeBlocked } from './people';

const person = (id: string, change: Partial<User> = {}): User => ({
  id,
  email: `${id}@example.com`,
  displayName: id,
  handle: id,
  role: 'member',
  status: 'active',
  provider: 'oidc',
  createdAt: '2024-01-01T00:00:00Z',
  customStatus: null,
  timeZone: null,
  avatar: null,
  theme: 'system',
  ...change,
});

describe('admin people list', () => {
  it('offers only the roles the server allows', () => {
    expect(assignableRoles(person('me', { role: 'admin' }), 'me')).toEqual(['admin']);
    expect(assignableRoles(person('g', { role: 'guest', provider: 'password' }), 'me')).toEqual(['guest']);
    expect(assignableRoles(person('m'), 'me')).toEqual(['admin', 'member', 'guest']);
  });

  it('says why a status cannot change', () => {
    expect(statusChangeBlocked(person('me'), 'me')).toMatch(/yourself/);
    expect(statusChangeBlocked(person('a', { role: 'admin' }), 'me')).toMatch(/member first/);
    expect(statusChangeBlocked(person('g', { role: 'guest' }), 'me')).toBeNull();
  });
});
