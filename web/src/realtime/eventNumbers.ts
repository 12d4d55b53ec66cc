/** More missing numbers than this are not listed one by one: the client catches up anyway. */
const MAX_LISTED = 1000;

/**
 * The numbers of the events one connection has received, to tell when one was lost. The server
 * numbers a connection's events 1, 2, 3... from the client's first ping, and says in each pong
 * the number of the last one it pushed. Events may overtake each other (two fan-outs at once)
 * or come twice (a post tried again), so a missing number is only a suspicion until the caller's
 * grace runs out.
 */
export class EventNumbers {
  private highest = 0;
  private readonly gaps = new Set<number>();
  private overflow = false;

  /** An event numbered `seq` arrived. */
  received(seq: number): void {
    this.gaps.delete(seq);
    this.reach(seq - 1);
    this.highest = Math.max(this.highest, seq);
  }

  /** The server pushed every number up to `seq` (a pong said so). */
  announced(seq: number): void {
    this.reach(seq);
  }

  /** Whether some number has not arrived. */
  missing(): boolean {
    return this.overflow || this.gaps.size > 0;
  }

  /** Stops waiting for what is missing: the caller is catching up on it. */
  forgive(): void {
    this.gaps.clear();
    this.overflow = false;
  }

  /** Every number up to `seq` should have arrived; those that did not are missing. */
  private reach(seq: number): void {
    for (let n = this.highest + 1; n <= seq; n++) {
      if (this.gaps.size >= MAX_LISTED) {
        this.overflow = true;
        break;
      }
      this.gaps.add(n);
    }
    this.highest = Math.max(this.highest, seq);
  }
}
