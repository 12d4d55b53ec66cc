import { describe, expect, it } from 'vitest';
import type { UserView } from '../api/types.generated';
import { UserDirectory } from './UserDirectory';

function setup(fail = false) {
  const requests: string[][] = [];
  const tasks: Array<() => void> = [];
  const directory = new UserDirectory(
    (ids) => {
      requests.push(ids);
      if (fail) return Promise.reject(new Error('down'));
      return Promise.resolve(
        ids.filter((id) => !id.startsWith('gone')).map((id): UserView => ({ id, displayName: `User ${id}`, handle: `user_${id}`, deactivated: false, status: null, timeZone: null, avatar: null })),
      );
    },
    (task) => tasks.push(task),
  );
  const runScheduled = async () => {
    tasks.splice(0).forEach((t) => t());
    await Promise.resolve();
    await Promise.resolve();
  };
  return { directory, requests, runScheduled };
}

describe('UserDirectory', () => {
  it('looks up the ids asked for in one tick together, each once', async () => {
    const { directory, requests, runScheduled } = setup();
    directory.want(['a', 'b']);
    directory.want(['b', 'c']);
    await runScheduled();
    expect(requests).toEqual([['a', 'b', 'c']]);
    expect(directory.get('c')).toEqual({
      id: 'c',
      displayName: 'User c',
      handle: 'user_c',
      deactivated: false,
      status: null,
      timeZone: null,
      avatar: null,
    });
    directory.want(['a', 'c']);
    await runScheduled();
    expect(requests).toHaveLength(1);
  });

  it('splits large lookups into batches of at most 100', async () => {
    const { directory, requests, runScheduled } = setup();
    directory.want(Array.from({ length: 250 }, (_, i) => `u${i}`));
    await runScheduled();
    expect(requests.map((r) => r.length)).toEqual([100, 100, 50]);
  });

  it('remembers ids the server does not know, so they are not asked again', async () => {
    const { directory, requests, runScheduled } = setup();
    directory.want(['gone1']);
    await runScheduled();
    expect(directory.get('gone1')).toBeNull();
    directory.want(['gone1']);
    await runScheduled();
    expect(requests).toHaveLength(1);
  });

  it('asks again after a failed lookup, and notifies subscribers on success', async () => {
    const failing = setup(true);
    failing.directory.want(['a']);
    await failing.runScheduled();
    expect(failing.directory.get('a')).toBeUndefined();
    failing.directory.want(['a']);
    await failing.runScheduled();
    expect(failing.requests).toEqual([['a'], ['a']]);

    const ok = setup();
    let notified = 0;
    ok.directory.subscribe(() => (notified += 1));
    const before = ok.directory.getVersion();
    ok.directory.want(['a']);
    await ok.runScheduled();
    expect(notified).toBe(1);
    expect(ok.directory.getVersion()).toBeGreaterThan(before);
  });

  it('finds loaded users by handle', async () => {
    const { directory, runScheduled } = setup();
    directory.want(['a']);
    await runScheduled();
    expect(directory.byHandle('USER_A')?.id).toBe('a');
    expect(directory.byHandle('user_b')).toBeUndefined();
  });

  it('asks again about everyone known when told to refresh, showing what it had until then', async () => {
    const { directory, requests, runScheduled } = setup();
    directory.want(['a', 'gone-1']);
    await runScheduled();
    directory.remember({ id: 'me', displayName: 'Old name', handle: 'me', deactivated: false, status: null, timeZone: null, avatar: null });
    directory.refreshKnown();
    // Nothing is forgotten while the answers are on their way.
    expect(directory.get('me')?.displayName).toBe('Old name');
    await runScheduled();
    // Ids the server did not know are not asked about again.
    expect(requests).toEqual([['a', 'gone-1'], ['a', 'me']]);
    expect(directory.get('me')?.displayName).toBe('User me');
    expect(directory.get('gone-1')).toBeNull();
  });
});
