import type { ClientFrame, Presence, PresenceStatus, PresenceSubscribed } from '../api/types.generated';
import { PRESENCE_WATCH_MAX } from '../limits';

/** How long the set of people shown may keep changing (a list rendering) before it is sent. */
export const SUBSCRIBE_DELAY_MS = 250;

/** Timers, injectable so tests can run them by hand. */
export type Timers = {
  set: (task: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
};

const realTimers: Timers = {
  set: (task, ms) => setTimeout(task, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Who is online, away or offline among the people this tab shows; people not shown are absent.
 * Every component that shows a person watches them (`watch`, counted, released on unmount). The
 * whole set goes to the server as one `presence.subscribe` frame a moment after it last changed,
 * and again after every (re)connect or lost event (`resubscribe`); the server answers with their
 * status (`subscribed`) and then sends their changes (`changed`), so nothing is polled. Only
 * people the signed-in user may see are answered; the others stay unknown.
 */
export class PresenceStore {
  private readonly statuses = new Map<string, PresenceStatus>();
  private readonly watched = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  /** Changes heard since the last subscription was sent: newer than its answer. */
  private readonly changedSince = new Set<string>();
  private version = 0;
  private subscription = 0;
  private lastSent = '';
  private timer: unknown = null;

  constructor(
    private readonly send: (frame: ClientFrame) => boolean = () => false,
    private readonly timers: Timers = realTimers,
  ) {}

  get(id: string): PresenceStatus | undefined {
    return this.statuses.get(id);
  }

  /** Shows `id` from now until the returned function is called. */
  watch(id: string): () => void {
    const count = this.watched.get(id) ?? 0;
    this.watched.set(id, count + 1);
    if (count === 0) this.schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.watched.get(id) ?? 1) - 1;
      if (left > 0) {
        this.watched.set(id, left);
        return;
      }
      this.watched.delete(id);
      this.schedule();
    };
  }

  /** Sends the subscription now, even if unchanged: a new connection watches nobody yet, and
   * after a lost event the statuses shown may be stale. */
  resubscribe(): void {
    this.cancel();
    this.flush(true);
  }

  /** The server's answer to a subscription; one to an older subscription is ignored. */
  subscribed(answer: PresenceSubscribed): void {
    if (answer.version !== this.subscription) return;
    for (const p of answer.statuses) {
      if (this.watched.has(p.userID) && !this.changedSince.has(p.userID)) this.put(p.userID, p.status);
    }
  }

  /** A `presence.changed` event. */
  changed(presence: Presence): void {
    this.changedSince.add(presence.userID);
    this.put(presence.userID, presence.status);
  }

  /** Stops the pending send (the provider unmounts). */
  dispose(): void {
    this.cancel();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every update, for useSyncExternalStore. */
  snapshot = (): number => this.version;

  private put(id: string, status: PresenceStatus): void {
    if (this.statuses.get(id) === status) return;
    this.statuses.set(id, status);
    this.notify();
  }

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.flush(false);
    }, SUBSCRIBE_DELAY_MS);
  }

  private cancel(): void {
    if (this.timer === null) return;
    this.timers.clear(this.timer);
    this.timer = null;
  }

  /** Sends the people shown (the most recently shown first kept when there are too many). */
  private flush(force: boolean): void {
    const ids = [...this.watched.keys()].slice(-PRESENCE_WATCH_MAX);
    // No change will come for people no longer watched: what is known of them would go stale.
    let forgot = false;
    for (const id of [...this.statuses.keys()]) {
      if (!this.watched.has(id)) forgot = this.statuses.delete(id) || forgot;
    }
    if (forgot) this.notify();
    const key = ids.join(',');
    if (!force && key === this.lastSent) return;
    this.subscription += 1;
    this.changedSince.clear();
    // Not connected: the next connect resubscribes.
    this.lastSent = this.send({ type: 'presence.subscribe', userIDs: ids, version: this.subscription }) ? key : '';
  }
}
