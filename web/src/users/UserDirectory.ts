import type { UserView } from '../api/types.generated';
import { Emitter } from '../lib/emitter';
import { USERS_BATCH_MAX } from '../limits';

export type FetchUsers = (ids: string[]) => Promise<UserView[]>;

/**
 * A cache of the people the app shows (message authors). Ids asked for in the same tick are looked
 * up together, at most USERS_BATCH_MAX per request, and each id is asked for once. A lookup that
 * fails is forgotten, so the next `want` asks again.
 */
export class UserDirectory {
  private readonly users = new Map<string, UserView | null>();
  private readonly queued = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly changes = new Emitter<void>();
  private scheduled = false;
  /** Bumped on every change: a cheap snapshot for useSyncExternalStore. */
  private version = 0;

  private readonly fetchUsers: FetchUsers;
  private readonly schedule: (task: () => void) => void;

  constructor(fetchUsers: FetchUsers, schedule: (task: () => void) => void = (task) => queueMicrotask(task)) {
    this.fetchUsers = fetchUsers;
    this.schedule = schedule;
  }

  /** The user, undefined while unknown or loading, null when the server does not know the id. */
  get(id: string): UserView | null | undefined {
    return this.users.get(id);
  }

  /** A known user with this handle (case-insensitive), if any was loaded. */
  byHandle(handle: string): UserView | undefined {
    const wanted = handle.toLowerCase();
    for (const user of this.users.values()) {
      if (user && user.handle.toLowerCase() === wanted) return user;
    }
    return undefined;
  }

  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => this.changes.on(listener);

  /** Records a user the app already has (e.g. the signed-in user). */
  remember(user: UserView): void {
    this.users.set(user.id, user);
    this.changed();
  }

  /** Asks for the ids not yet known or on their way. */
  want(ids: Iterable<string>): void {
    for (const id of ids) {
      if (!this.users.has(id) && !this.inFlight.has(id)) this.queued.add(id);
    }
    if (this.queued.size > 0 && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /**
   * Asks again about everyone known (after a reconnect or a lost event, renames and
   * deactivations may have been missed); what is known stays shown until the answers come.
   */
  refreshKnown(): void {
    for (const [id, user] of this.users) {
      if (user && !this.inFlight.has(id)) this.queued.add(id);
    }
    if (this.queued.size > 0 && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const ids = [...this.queued];
    this.queued.clear();
    for (let i = 0; i < ids.length; i += USERS_BATCH_MAX) {
      void this.load(ids.slice(i, i + USERS_BATCH_MAX));
    }
  }

  private async load(ids: string[]): Promise<void> {
    for (const id of ids) this.inFlight.add(id);
    try {
      const found = await this.fetchUsers(ids);
      const byId = new Map(found.map((u) => [u.id, u]));
      for (const id of ids) this.users.set(id, byId.get(id) ?? null);
      this.changed();
    } catch {
      // Left unknown: shown as a placeholder until a later render asks again.
    } finally {
      for (const id of ids) this.inFlight.delete(id);
    }
  }

  private changed(): void {
    this.version += 1;
    this.changes.emit();
  }
}
