import type { PresenceStatus } from '../api/types.generated';

/** Who is online, away or offline, as far as this client knows; ids never asked about are absent. */
export class PresenceStore {
  private readonly statuses = new Map<string, PresenceStatus>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

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

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every update, for useSyncExternalStore. */
  snapshot = (): number => this.version;
}
