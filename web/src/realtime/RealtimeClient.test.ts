// RealtimeClient's connection: tickets, states, backoff, pings and stopping.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent } from '../api/types.generated';
import { PING_INTERVAL_MS } from './RealtimeClient';
import { PONG, settle, setup } from './testClient';

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
    expect(seen).toEqual(['connecting', 'connecting', 'connected']);
    client.stop();
  });

  it('says when its ticket came, before the socket opens', async () => {
    const { client, last } = setup();
    client.start();
    expect(client.getState()).toEqual({ status: 'connecting', attempt: 0 });
    await settle();
    expect(client.getState()).toEqual({ status: 'connecting', attempt: 0, ticketed: true });
    last().open();
    expect(client.getState()).toEqual({ status: 'connected' });
    client.stop();
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
});
