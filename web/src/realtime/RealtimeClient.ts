import type { ClientFrame, ServerEvent } from '../api/types.generated';
import { Emitter } from '../lib/emitter';
import { backoffDelay } from './backoff';
import { PING_FRAME, parseFrame } from './events';
import { EventNumbers } from './eventNumbers';

/**
 * The connection's state machine:
 *
 *   stopped --start--> connecting --open--> connected
 *                         ^  ^ |                 |
 *          (backoff timer)|  | | ticket or socket| close, error or no pong
 *                         |  | v     failed      v
 *                       reconnecting <-----------+
 *                            |
 *                            +-- (at once) <-- `reconnect` from the server
 *
 * `stop` goes to `stopped` from anywhere.
 *
 * While connected it applies events in order and watches for lost ones: every event the server
 * pushes carries its number on this connection, and a pong the number of the last one pushed
 * (see `EventNumbers`). An event that overtook another waits for it. A number that has not
 * arrived within a short grace was lost: listeners of `onOpen` are told to catch up (`missed`),
 * as after a reconnect (`connected`), and then the events that waited apply in order.
 *
 * The server holds a connection's events from the moment its ticket is minted (and numbers them
 * from 1), so the first connection needs no catch-up when what the app shows was fetched after
 * its ticket came: its open is `first`. `expectCatchUp` says something was fetched before.
 */
export type ConnectionState =
  | { status: 'stopped' }
  /**
   * `attempt` counts the failures since the last stable connection: 0 is a first connect.
   * `ticketed`: the ticket came, the socket is opening (events are held for it from now on).
   */
  | { status: 'connecting'; attempt: number; ticketed?: boolean }
  | { status: 'connected' }
  /** Waiting for the backoff timer, which fires at `retryAt` (ms since the epoch). */
  | { status: 'reconnecting'; attempt: number; retryAt: number };

/** The part of the browser's WebSocket the client uses (so tests can stand in for it). */
export type SocketLike = {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
};

export type RealtimeOptions = {
  /**
   * The URL to connect to, with a fresh single-use ticket in it (see `urlWithTicket`). Called
   * before every connect, since a ticket works once.
   */
  getUrl: () => Promise<string>;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  /**
   * API Gateway closes a socket idle for 10 minutes, and a socket the server has lost track of
   * (its Redis restarted) hears `reconnect` only when it pings: every 45 s keeps both in hand.
   */
  pingIntervalMs?: number;
  /** A ping without a pong for this long means the connection is dead though not closed. */
  pongTimeoutMs?: number;
  /** A connection open this long resets the backoff. */
  stableAfterMs?: number;
  /**
   * How long a missing event number may take to arrive (events can overtake each other); the
   * events after it wait that long at most.
   */
  gapGraceMs?: number;
  /** When a ping was answered `unavailable`, how soon to ping again. */
  pingRetryMs?: number;
};

export const PING_INTERVAL_MS = 45_000;
const GAP_GRACE_MS = 2_000;
const PING_RETRY_MS = 3_000;
const PONG_TIMEOUT_MS = 20_000;
const STABLE_AFTER_MS = 20_000;

/**
 * Why listeners of `onOpen` are told: a new connection (`connected`; catch up, and the server
 * knows nothing of what this client told the last one, e.g. away), an event lost on this one
 * (`missed`; catch up), or the client's first connection, which brings every event since a
 * ticket minted before anything was fetched (`first`; nothing to catch up on, but the server
 * knows nothing of this client yet).
 */
export type CatchUpReason = 'first' | 'connected' | 'missed';

type Timer = ReturnType<typeof setTimeout>;

export class RealtimeClient {
  private state: ConnectionState = { status: 'stopped' };
  private readonly states = new Emitter<ConnectionState>();
  private readonly events = new Emitter<ServerEvent>();
  private readonly opens = new Emitter<CatchUpReason>();

  private socket: SocketLike | null = null;
  private attempt = 0;
  /** Bumped by every connect and stop, so a late ticket for an abandoned attempt is dropped. */
  private generation = 0;
  private retryTimer: Timer | null = null;
  private stableTimer: Timer | null = null;
  private pongTimer: Timer | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private gapTimer: Timer | null = null;
  private retryPingTimer: Timer | null = null;
  private numbers = new EventNumbers<ServerEvent>();
  /** Tickets fetched so far: only the first one's socket can be `first`. */
  private tickets = 0;
  /** Something was fetched before the first ticket came (see `expectCatchUp`). */
  private fetchedBeforeTicket = false;

  private readonly getUrl: () => Promise<string>;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;
  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly stableAfterMs: number;
  private readonly gapGraceMs: number;
  private readonly pingRetryMs: number;

  constructor(options: RealtimeOptions) {
    this.getUrl = options.getUrl;
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as SocketLike);
    this.random = options.random ?? Math.random;
    this.pingIntervalMs = options.pingIntervalMs ?? PING_INTERVAL_MS;
    this.pongTimeoutMs = options.pongTimeoutMs ?? PONG_TIMEOUT_MS;
    this.stableAfterMs = options.stableAfterMs ?? STABLE_AFTER_MS;
    this.gapGraceMs = options.gapGraceMs ?? GAP_GRACE_MS;
    this.pingRetryMs = options.pingRetryMs ?? PING_RETRY_MS;
  }

  getState = (): ConnectionState => this.state;

  /** Listens to state changes (the signature useSyncExternalStore wants). */
  subscribeState = (listener: () => void): (() => void) => this.states.on(listener);

  /**
   * Listens to every server event: numbered ones in their order on the connection, each once,
   * unnumbered ones (pongs, errors) as they come.
   */
  onEvent = (listener: (event: ServerEvent) => void): (() => void) => this.events.on(listener);

  /**
   * Listens to every successful (re)connect, and to every event found missing: the moments to
   * catch up on what was missed.
   */
  onOpen = (listener: (reason: CatchUpReason) => void): (() => void) => this.opens.on(listener);

  /**
   * What the app shows from now on may have been fetched before the first ticket (the app
   * stopped waiting for it): the first open then catches up as any reconnect does. Nothing once
   * the first ticket came.
   */
  expectCatchUp(): void {
    if (this.tickets === 0) this.fetchedBeforeTicket = true;
  }

  /** Sends a frame when connected (typing, presence); `false` when there is no open socket. */
  sendFrame(frame: ClientFrame): boolean {
    const socket = this.socket;
    if (!socket || this.state.status !== 'connected') return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  start(): void {
    if (this.state.status !== 'stopped') return;
    this.attempt = 0;
    void this.connect();
  }

  stop(): void {
    this.generation += 1;
    this.clearTimers();
    this.clearRetry();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      closeQuietly(socket, 1000, 'client stopped');
    }
    this.setState({ status: 'stopped' });
  }

  /** Skips the rest of the backoff wait (e.g. when the browser comes back online). */
  retryNow(): void {
    if (this.state.status !== 'reconnecting') return;
    this.clearRetry();
    void this.connect();
  }

  /**
   * Checks the connection now (e.g. when the page becomes visible again, after timers were
   * slowed in the background): a ping, which finds a dead or forgotten socket and lost events.
   */
  checkNow(): void {
    if (this.state.status === 'connected' && this.socket) this.ping(this.socket);
    else this.retryNow();
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setState({ status: 'connecting', attempt: this.attempt });
    let url: string;
    try {
      url = await this.getUrl();
    } catch {
      if (generation === this.generation) this.scheduleReconnect();
      return;
    }
    if (generation !== this.generation) return;
    this.tickets += 1;
    const first = this.tickets === 1 && !this.fetchedBeforeTicket;
    this.setState({ status: 'connecting', attempt: this.attempt, ticketed: true });

    let socket: SocketLike;
    try {
      socket = this.createSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket === socket) this.handleOpen(socket, first);
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.handleFrame(socket, ev.data);
    };
    // An error is normally followed by a close; handle whichever comes first, once.
    socket.onerror = () => this.handleDrop(socket);
    socket.onclose = () => this.handleDrop(socket);
  }

  /** `first`: this socket's ticket was the first, minted before anything was fetched. */
  private handleOpen(socket: SocketLike, first: boolean): void {
    this.setState({ status: 'connected' });
    // Numbers are per connection; what waited on the last one is covered by the catch-up.
    this.numbers = new EventNumbers();
    this.stableTimer = setTimeout(() => {
      this.stableTimer = null;
      this.attempt = 0;
    }, this.stableAfterMs);
    this.pingTimer = setInterval(() => this.ping(socket), this.pingIntervalMs);
    // The first ping brings the events the server held for this socket since its ticket.
    this.ping(socket);
    this.opens.emit(first ? 'first' : 'connected');
  }

  private handleFrame(socket: SocketLike, raw: unknown): void {
    const frame = parseFrame(raw);
    if (!frame) return;
    const { event, seq } = frame;
    if (event.type === 'reconnect') {
      this.handleDrop(socket, true);
      return;
    }
    if (event.type === 'error' && event.data.code === 'unavailable' && this.pongTimer !== null) {
      // The server could not answer the ping for now (its Redis is coming back): ask again
      // soon rather than wait for the pong to time out.
      this.retryPingTimer ??= setTimeout(() => {
        this.retryPingTimer = null;
        if (this.socket === socket) this.ping(socket);
      }, this.pingRetryMs);
    }
    if (event.type === 'pong') {
      if (this.pongTimer !== null) clearTimeout(this.pongTimer);
      this.pongTimer = null;
      // A server from before event numbers says nothing here.
      if (typeof event.data.seq === 'number') this.numbers.announced(event.data.seq);
    }
    const ready = seq === null ? [event] : this.numbers.received(seq, event);
    if (this.numbers.full()) this.catchUp();
    else this.watchGaps();
    for (const next of ready) this.events.emit(next);
  }

  /**
   * A number still missing after the grace was lost: catch up. The grace starts over once
   * nothing is missing, so a gap that opens just after another closed gets its full grace.
   */
  private watchGaps(): void {
    if (!this.numbers.missing()) {
      this.stopGapTimer();
      return;
    }
    if (this.gapTimer !== null) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.numbers.missing()) this.catchUp();
    }, this.gapGraceMs);
  }

  /**
   * Stops waiting for missing events: listeners refetch over REST, then the events that waited
   * apply in order on top (as live events during a refetch always do).
   */
  private catchUp(): void {
    this.stopGapTimer();
    const held = this.numbers.skip();
    this.opens.emit('missed');
    for (const event of held) this.events.emit(event);
  }

  private stopGapTimer(): void {
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  private ping(socket: SocketLike): void {
    try {
      socket.send(PING_FRAME);
    } catch {
      this.handleDrop(socket);
      return;
    }
    this.pongTimer ??= setTimeout(() => {
      this.pongTimer = null;
      this.handleDrop(socket);
    }, this.pongTimeoutMs);
  }

  /** The socket is gone; `atOnce` when the server asked for a new one (no backoff). */
  private handleDrop(socket: SocketLike, atOnce = false): void {
    if (this.socket !== socket) return;
    this.socket = null;
    detach(socket);
    closeQuietly(socket);
    this.clearTimers();
    if (atOnce) this.attempt = 0;
    this.scheduleReconnect(atOnce);
  }

  private scheduleReconnect(atOnce = false): void {
    const delay = atOnce ? 0 : backoffDelay(this.attempt, this.random);
    this.attempt += 1;
    this.setState({ status: 'reconnecting', attempt: this.attempt, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private clearTimers(): void {
    if (this.stableTimer !== null) clearTimeout(this.stableTimer);
    if (this.pongTimer !== null) clearTimeout(this.pongTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    if (this.gapTimer !== null) clearTimeout(this.gapTimer);
    if (this.retryPingTimer !== null) clearTimeout(this.retryPingTimer);
    this.stableTimer = this.pongTimer = this.pingTimer = this.gapTimer = this.retryPingTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.states.emit(state);
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
}

function closeQuietly(socket: SocketLike, code?: number, reason?: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closed or never opened: nothing to release.
  }
}
