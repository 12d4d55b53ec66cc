// RealtimeClient's numbered events: applied in order, duplicates dropped, and a catch-up (with
// its reason) when one is lost or the connection is new.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PONG, connected, numbered, settle, setup } from './testClient';

describe('RealtimeClient catching up', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
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
    expect(reasons).toEqual(['first', 'missed', 'connected']);
  });

  it('catches up on its first open when something was fetched before its ticket came', async () => {
    const { client, last } = setup();
    const reasons: string[] = [];
    client.onOpen((reason) => reasons.push(reason));
    client.start();
    client.expectCatchUp();
    await settle();
    last().open();
    expect(reasons).toEqual(['connected']);
    client.stop();
  });

  it('catches up when the first socket failed and a later ticket opened one', async () => {
    const { client, last } = setup();
    const reasons: string[] = [];
    client.onOpen((reason) => reasons.push(reason));
    client.start();
    await settle();
    last().drop();
    await vi.advanceTimersByTimeAsync(1000);
    client.expectCatchUp(); // too late to matter: the first ticket came
    last().open();
    expect(reasons).toEqual(['connected']);
    client.stop();
  });

  it('applies numbered events in order: one that came early waits for those before it', async () => {
    const { last, seen } = await connected();
    last().receive(numbered(2));
    expect(seen).toEqual(['first']);
    last().receive(numbered(1));
    expect(seen).toEqual(['first', '1', '2']);
    last().receive(numbered(3));
    last().receive(numbered(5));
    last().receive(numbered(6));
    last().receive(PONG); // unnumbered: at once, even while events wait
    expect(seen).toEqual(['first', '1', '2', '3', 'pong']);
    await vi.advanceTimersByTimeAsync(1000);
    last().receive(numbered(4));
    expect(seen).toEqual(['first', '1', '2', '3', 'pong', '4', '5', '6']);
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
    expect(seen).toEqual(['first', '1', '2']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['first', '1', '2', 'missed', '4']);
  });

  it('drops an event that comes twice', async () => {
    const { last, seen } = await connected();
    [1, 1, 3, 3, 2, 1].forEach((seq) => last().receive(numbered(seq)));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['first', '1', '2', '3']);
  });

  it('when a number never comes, catches up after the grace, then applies what waited in order', async () => {
    const { last, seen } = await connected();
    [1, 4, 3].forEach((seq) => last().receive(numbered(seq)));
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen).toEqual(['first', '1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['first', '1', 'missed', '3', '4']);
    // It goes on after the highest number; the lost one, coming very late, is covered already.
    last().receive(numbered(2));
    last().receive(numbered(5));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['first', '1', 'missed', '3', '4', '5']);
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
    expect(seen).toEqual(['first', '1', 'connected', '1', '2']);
  });

  it('catches up at once when 1,000 events wait, and applies them in order', async () => {
    const { last, seen } = await connected();
    for (let seq = 1000; seq >= 2; seq--) last().receive(numbered(seq));
    expect(seen).toEqual(['first']);
    last().receive(numbered(1001)); // the 1,000th waiting
    const inOrder = Array.from({ length: 1000 }, (_, i) => String(i + 2));
    expect(seen).toEqual(['first', 'missed', ...inOrder]);
    last().receive(numbered(1002));
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toEqual(['first', 'missed', ...inOrder, '1002']);
  });
});
