// A RealtimeClient on fake sockets, and what its unit tests send and check (not a test file).
import { vi } from 'vitest';
import { RealtimeClient, type SocketLike } from './RealtimeClient';
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

export function setup(options: { failTickets?: number } = {}) {
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

export const PONG = { type: 'pong', data: { ts: 1, seq: 0 } };

/** A pushed event with its number on the connection (and in its user, to tell them apart). */
export function numbered(seq: number) {
  return { seq, type: 'typing', data: { userID: `u${seq}`, parentID: 'p', parentType: 'channel' } };
}

/**
 * Records, in one list, the events listeners get (a numbered one by its number, others by type)
 * and the catch-ups (`missed`, `connected`).
 */
export function record(client: RealtimeClient): string[] {
  const seen: string[] = [];
  client.onEvent((e) => seen.push(e.type === 'typing' ? e.data.userID.slice(1) : e.type));
  client.onOpen((reason) => seen.push(reason));
  return seen;
}

/** Lets the ticket promise settle. */
export const settle = () => vi.advanceTimersByTimeAsync(0);

/** A client on its first socket, just opened, recording what listeners get (see `record`). */
export async function connected() {
  const { client, last } = setup();
  const seen = record(client);
  client.start();
  await settle();
  last().open();
  return { last, seen };
}
