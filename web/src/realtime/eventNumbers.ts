/**
 * At most this many events wait behind a missing one. Past that the client catches up at once
 * rather than after the grace: a gap that long is a loss, and the memory stays bounded.
 */
const MAX_HELD = 1000;

/**
 * Puts the numbered events of one connection back in order, and tells when one was lost. The
 * server numbers a connection's events 1, 2, 3... from the client's first ping, and says in each
 * pong the number of the last one it pushed. Events may overtake each other (fan-outs run
 * concurrently) or come twice (a post tried again); applied as they come, a reaction removed just
 * after it was added, or an edit overtaking its message, would leave the screen wrong. So an event
 * is let through only once every number before it has been, and one that comes early is held.
 * A missing number is only a suspicion until the caller's grace runs out; then the caller catches
 * up over REST and `skip`s the gap. Pure (no timers), so the caller owns the grace.
 */
export class EventNumbers<T> {
  /** The number of the next event to let through: every one below it was, or was skipped. */
  private next = 1;
  /** The highest number a pong said was pushed. */
  private announcedUpTo = 0;
  /** Events that came before some number below theirs, by number. */
  private readonly held = new Map<number, T>();

  /**
   * The event numbered `seq` arrived. Returns the events to apply now, in order: this one and
   * those held behind it, or none while a number before it is missing, or none for a duplicate.
   */
  received(seq: number, event: T): T[] {
    if (seq < this.next || this.held.has(seq)) return [];
    this.held.set(seq, event);
    const ready: T[] = [];
    while (this.held.has(this.next)) {
      ready.push(this.held.get(this.next) as T);
      this.held.delete(this.next);
      this.next += 1;
    }
    return ready;
  }

  /** The server pushed every number up to `seq` (a pong said so). */
  announced(seq: number): void {
    this.announcedUpTo = Math.max(this.announcedUpTo, seq);
  }

  /** Whether some number below one that arrived or was announced has not arrived. */
  missing(): boolean {
    return this.held.size > 0 || this.announcedUpTo >= this.next;
  }

  /** Whether so many events are held that the caller should catch up now, not after the grace. */
  full(): boolean {
    return this.held.size >= MAX_HELD;
  }

  /**
   * Stops waiting for what is missing (the caller is catching up on it). Returns the held events
   * in order, and goes on after the highest number that arrived or was announced: a missing one
   * that still comes later is dropped, since the catch-up covers it.
   */
  skip(): T[] {
    const numbers = [...this.held.keys()].sort((a, b) => a - b);
    const events = numbers.map((seq) => this.held.get(seq) as T);
    this.next = Math.max(this.next - 1, this.announcedUpTo, ...numbers) + 1;
    this.held.clear();
    return events;
  }
}
