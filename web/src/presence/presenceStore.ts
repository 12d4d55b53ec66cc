import type { Presence, PresenceStatus } from '../api/types.generated';

/** At most this many ids per `GET /api/v1/presence`. */
export const PRESENCE_BATCH_MAX = 100;

/**
 * Who is online, away or offline, as far as this client knows; ids never asked about are absent.
 * Ids wanted in the same tick are fetched together (`fetch`), each once until `refreshAll`.
 */
export class PresenceStore {
  private readonly statuses = new Map<string, PresenceStatus>();
  private readonly listeners = new Set<() => void>();
  private readonly asked = new Set<string>();
  private readonly queued = new Set<string>();
  private scheduled = false;
  private version = 0;

  constructor(
    private readonly fetch: (ids: string[]) => Promise<Presence[]> = () => Promise.resolve([]),
    private readonly schedule: (task: () => void) => void = (task) => queueMicrotask(task),
  ) {}

  get(id: string): PresenceStatus | undefined {
    return this.statuses.get(id);
  }

  /** The ids among `ids` not known yet (to fetch). */
  unknown(ids: string[]): string[] {
    return [...new Set(ids)].filter((id) => !this.statuses.has(id));
  }

  set(id: string, status: PresenceStatus): void {
    if (this.statuses.get(id) === status) return;
    this.statuses.set(id, status);
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /** Fetches the presence of ids not asked about yet, batched. */
  want(ids: Iterable<string>): void {
    for (const id of ids) {
      if (!this.asked.has(id)) {
        this.asked.add(id);
        this.queued.add(id);
      }
    }
    if (this.queued.size === 0 || this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Asks again about everyone shown (after a reconnect, changes may have been missed). */
  refreshAll(): void {
    const ids = [...this.asked];
    this.asked.clear();
    this.want(ids);
  }

  private flush(): void {
    this.scheduled = false;
    const ids = [...this.queued];
    this.queued.clear();
    for (let i = 0; i < ids.length; i += PRESENCE_BATCH_MAX) {
      const batch = ids.slice(i, i + PRESENCE_BATCH_MAX);
      this.fetch(batch).then(
        (answers) => answers.forEach((p) => this.set(p.userID, p.status)),
        () => batch.forEach((id) => this.asked.delete(id)),
      );
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every update, for useSyncExternalStore. */
  snapshot = (): number => this.version;
}
