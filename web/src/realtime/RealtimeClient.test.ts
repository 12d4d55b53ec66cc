import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent } from '../api/types.generated';
import { PING_INTERVAL_MS, RealtimeClient, type SocketLike } from './RealtimeClient';
import { urlWithTicket } from './url';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: string[] = [];
  closed = false;

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  // What the server does:
  open() {
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop() {
    this.onclose?.({});
  }
}

function setup(options: { failTickets?: number } = {}) {
  const sockets: FakeSocket[] = [];
  let tickets = 0;
  let failures = options.failTickets ?? 0;
  const client = new RealtimeClient({
    getUrl: () => {
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('no ticket'));
      }
      tickets += 1;
      return Promise.resolve(urlWithTicket('ws://localhost:8080/ws', `ticket ${tickets}`));
    },
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
  });
  const last = () => {
    const socket = sockets[sockets.length - 1];
    if (!socket) throw new Error('no socket yet');
    return socket;
  };
  return { client, sockets, last };
}

const PONG = { type: 'pong', data: { ts: 1, seq: 0 } };

/** A pushed event with its number on the connection (and in its user, to tell them apart). */
function numbered(seq: number) {
  return { seq, type: 'typing', data: { userID: `u${seq}`, parentID: 'p', parentType: 'channel' } };
}

/**
 * Records, in one list, the events listeners get (a numbered one by its number, others by type)
 * and the catch-ups (`missed`, `connected`).
 */
function record(client: RealtimeClient): string[] {
  const seen: string[] = [];
  client.onEvent((e) => seen.push(e.type === 'typing' ? e.data.userID.slice(1) : e.type));
  client.onOpen((reason) => seen.push(reason));
  return seen;
}

/** Lets the ticket promise settle. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** A client on its first socket, just opened, recording what listeners get (see `record`). */
async function connected() {
  const { client, last } = setup();
  const seen = record(client);
  client.start();
  await settle();
  last().open();
  return { last, seen };
}

describe('RealtimeClient', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects with a fresh ticket in the URL and reports the states', async () => {
    const { client, last } = setup();
    const seen: string[] = [];
    client.subscribeState(() => seen.push(client.getState().status));
    client.start();
    await settle();
    expect(last().url).toBe('ws://localhost:8080/ws?ticket=ticket%201');
    last().open();
    expect(seen).toEqual(['connecting', 'connected']);
  });

  it('delivers parsed events and ignores frames it does not understand', async () => {
    const { client, last } = setup();
    const events: ServerEvent[] = [];
    client.onEvent((e) => events.push(e));
    client.start();
    await settle();
    last().open();
    last().receive('not json');
    last().receive({ type: 'typing.start', data: {} });
    last().receive({ type: 'pong', data: { ts: 1 } });
    expect(events).toEqual([{ type: 'pong', data: { ts: 1 } }]);
  });

  it('reconnects with backoff 1 s, 2 s, 4 s and a new ticket each time', async () => {
    const { client, sockets, last } = setup();
    client.start();
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      last().drop();
      const state = client.getState();
      if (state.status !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.status}`);
      delays.push(state.retryAt - Date.now());
      await vi.advanceTimersByTimeAsync(state.retryAt - Date.now() - 1);
      expect(sockets).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(sockets.map((s) => s.url.split('=')[1])).toEqual([
      'ticket%201',
      'ticket%202',
      'ticket%203',
      'ticket%204',
    ]);
  });

  it('retries when a ticket cannot be had', async () => {
    const { client, sockets } = setup({ failTickets: 2 });
    client.start();
    await settle();
    expect(client.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.getState()).toMatchObject({ status: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sockets).toHaveLength(1);
    expect(client.getState().status).toBe('connecting');
  });

  it('resets the backoff after a stable connection, but not after a short one', async () => {
    const { client, last } = setup();
    client.start();
    await settle();
    last().drop(); // attempt 1 scheduled in 1 s
    await vi.advanceTimersByTimeAsync(1000);
    last().open();
    last().receive(PONG);
    await vi.advanceTimersByTimeAsync(5_000);
    last().drop(); // short-lived: backoff keeps growing
    expect(client.getState()).toMatchObject({ status: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(2000);
    last().open();
    last().receive(PONG);
    await vi.advanceTimersByTimeAsync(40_000);
    last().drop(); // stable: back to 1 s
    const state = client.getState();
    expect(state).toMatchObject({ status: 'reconnecting', attempt: 1 });
    if (state.status === 'reconnecting') expect(state.retryAt - Date.now()).toBe(1000);
  });

  it('pings on open and every 45 seconds, and reconnects when no pong comes back', async () => {
    const { client, sockets, last } = setup();
    client.start();
    await settle();
    const first = last();
    first.open();
    expect(first.sent).toEqual(['{"type":"ping"}']);
    first.receive(PONG);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(first.sent).toHaveLength(2);
    first.receive(PONG);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(first.sent).toHaveLength(3);
    // No pong this time: the socket is given up and replaced.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(first.closed).toBe(true);
    expect(client.getState().status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets).toHaveLength(2);
  });

  it('catches up when an event number does not arrive within the grace, not when it comes late', async () => {
    const { client, last } = setup();
    let catchUps = 0;
    client.onOpen(() => (catchUps += 1));
    client.start();
    await settle();
    last().open();
    last().receive(PONG);
    expect(catchUps).toBe(1); // the open itself
    last().receive(numbered(1));
    last().receive(numbered(3)); // 2 overtaken...
    await vi.advanceTimersByTimeAsync(1000);
    last().receive(numbered(2)); // ...and here it is
    await vi.advanceTimersByTimeAsync(5000);
    expect(catchUps).toBe(1);
    last().receive(numbered(5)); // 4 is lost
    await vi.advanceTimersByTimeAsync(2000);
    expect(catchUps).toBe(2);
    last().receive(numbered(6));
    await vi.advanceTimersByTimeAsync(5000);
    expect(catchUps).toBe(2);
  });

  it('catches up when a pong says more was sent than arrived', async () => {
    const { client, last } = setup();
    let catchUps = 0;
    client.onOpen(() => (catchUps += 1));
    client.start();
    await settle();
    last().open();
    last().receive(numbered(1));
    last().receive({ type: 'pong', data: { ts: 1, seq: 2 } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(catchUps).toBe(2);
  });

  it('reconnects at once when the server says it lost track of the socket', async () => {
    const { client, sockets, last } = setup();
    let catchUps = 0;
    client.onOpen(() => (catchUps += 1));
    client.start();
    await settle();
    last().drop(); // a failure first, so a backoff would apply
    await vi.advanceTimersByTimeAsync(1000);
    const socket = last();
    socket.open();
    socket.receive({ type: 'reconnect', data: { reason: 'not_registered' } });
    expect(socket.closed).toBe(true);
    await settle();
    await settle();
    expect(sockets).toHaveLength(3);
    last().open();
    expect(catchUps).toBe(2);
  });

  it('tells listeners about every open, so they can catch up', async () => {
    const { client, last } = setup();
    let opens = 0;
    client.onOpen(() => (opens += 1));
    client.start();
    await settle();
    last().open();
    last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    last().open();
    expect(opens).toBe(2);
  });

  it('stops for good: no reconnect, and a late ticket opens nothing', async () => {
    const { client, sockets, last } = setup();
    client.start();
    await settle();
    last().open();
    client.stop();
    expect(last().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect(client.getState().status).toBe('stopped');

    client.start(); // the ticket request is in flight...
    client.stop(); // ...when the client stops
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('retryNow skips the backoff wait', async () => {
    const { client, sockets, last } = setup();
    client.start();
    await settle();
    last().drop();
    client.retryNow();
    await settle();
    expect(sockets).toHaveLength(2);
  });

  it('pings again soon when the server could not answer a ping for now', async () => {
    const { client, last } = setup();
    client.start();
    await settle();
    const socket = last();
    socket.open();
    expect(socket.sent).toHaveLength(1);
    socket.receive({ type: 'error', data: { code: 'unavailable', message: 'try again in a moment' } });
    await vi.advanceTimersByTimeAsync(3000);
    expect(socket.sent).toHaveLength(2);
    socket.receive({ type: 'reconnect', data: { reason: 'not_registered' } });
    expect(socket.closed).toBe(true);
  });

  it('says why to catch up: a new connection, or an event lost on this one', async () => {
    const { client, last } = setup();
    const reasons: string[] = [];
    client.onOpen((reason) => reasons.push(reason));
    client.start();
    await settle();
    last().open();
    last().receive(numbered(2)); // 1 is lost
    await vi.advanceTimersByTimeAsync(2000);
    last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    last().open();
    expect(reasons).toEqual(['connected', 'missed', 'connected']);
  });

  it('checks now when asked (back online, tab shown): a ping at once, or no more backoff', async () => {
    const { client, sockets, last } = setup();
    client.start();
    await settle();
    const socket = last();
    socket.open();
    socket.receive(PONG);
    expect(socket.sent).toHaveLength(1);
    client.checkNow();
    expect(socket.sent).toHaveLength(2);
    // The pong says an event was pushed that never came: caught up after the grace.
    let missed = 0;
    client.onOpen((reason) => (missed += reason === 'missed' ? 1 : 0));
    socket.receive({ type: 'pong', data: { ts: 2, seq: 1 } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(missed).toBe(1);

    socket.drop();
    expect(client.getState().status).toBe('reconnecting');
    client.checkNow();
    await settle();
    expect(sockets).toHaveLength(2);
  });
  it('applies numbered events in order: one that came early waits for those before it', async () => {
    const { last, seen } = await connected();
    last().receive(numbered(2));
    expect(seen).toEqual(['connected']);
    last().receive(numbered(1));
    expect(seen).toEqual(['connected', '1', '2']);
    last().receive(numbered(3));
    last().receive(numbered(5));
    last().receive(numbered(6));
    last().receive(PONG); // unnumbered: at once, even while events wait
    expect(seen).toEqual(['connected', '1', '2', '3', 'pong']);
    await vi.advanceTimersByTimeAsync(1000);
    last().receive(numbered(4));
    expect(seen).toEqual(['connected', '1', '2', '3', 'pong', '4', '5', '6']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toHaveLength(8);
  });

  it('gives a gap that opens after another closed its full grace', async () => {
    const { last, seen } = await connected();
    last().receive(numbered(2));
    await vi.advanceTimersByTimeAsync(1500);
    last().receive(numbered(1));
    last().receive(numbered(4));
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen).toEqual(['connected', '1', '2']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['connected', '1', '2', 'missed', '4']);
  });

  it('drops an event that comes twice', async () => {
    const { last, seen } = await connected();
    [1, 1, 3, 3, 2, 1].forEach((seq) => last().receive(numbered(seq)));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['connected', '1', '2', '3']);
  });

  it('when a number never comes, catches up after the grace, then applies what waited in order', async () => {
    const { last, seen } = await connected();
    [1, 4, 3].forEach((seq) => last().receive(numbered(seq)));
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen).toEqual(['connected', '1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['connected', '1', 'missed', '3', '4']);
    // It goes on after the highest number; the lost one, coming very late, is covered already.
    last().receive(numbered(2));
    last().receive(numbered(5));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['connected', '1', 'missed', '3', '4', '5']);
  });

  it('starts numbers over on a new connection, and drops what waited on the old one', async () => {
    const { last, seen } = await connected();
    last().receive(numbered(1));
    last().receive(numbered(3));
    last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    last().open();
    last().receive(numbered(1));
    last().receive(numbered(2));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['connected', '1', 'connected', '1', '2']);
  });

  it('catches up at once when 1,000 events wait, and applies them in order', async () => {
    const { last, seen } = await connected();
    for (let seq = 1000; seq >= 2; seq--) last().receive(numbered(seq));
    expect(seen).toEqual(['connected']);
    last().receive(numbered(1001)); // the 1,000th waiting
    const inOrder = Array.from({ length: 1000 }, (_, i) => String(i + 2));
    expect(seen).toEqual(['connected', 'missed', ...inOrder]);
    last().receive(numbered(1002));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['connected', 'missed', ...inOrder, '1002']);
  });
});
