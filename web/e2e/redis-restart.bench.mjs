// How long after Redis loses everything are open pages live again? Not a test (a figure, printed):
// CLIENTS people sign in and sit on a channel; then Redis forgets everything and drops every
// connection, as a restart does (FLUSHALL, then CLIENT KILL); each page is timed until it has
// opened a new WebSocket and is connected again. A page learns it was forgotten at its next ping
// (every 45 s), so the figures spread over up to that.
//
//   set -a; source .stack/<name>/env; set +a     # a stack with its gateway running (make dev)
//   node web/e2e/redis-restart.bench.mjs          # CLIENTS=3 by default
import { execFileSync } from 'node:child_process';
import { BASE_URL, recordSockets, waitConnected, withBrowser } from './helpers.mjs';

const CLIENTS = Number(process.env.CLIENTS || 3);
const REDIS_PORT = process.env.REDIS_PORT;
if (!REDIS_PORT) throw new Error('REDIS_PORT is not set: source a stack env first (see the top of this file)');


function redis(...args) {
  return execFileSync('redis-cli', ['-p', REDIS_PORT, ...args], { encoding: 'utf8' }).trim();
}

await withBrowser('redis-restart', async ({ run, signInAs }) => {
  const pages = [];
  for (let i = 0; i < CLIENTS; i++) {
    const page = await signInAs(`restart${i}-${run}`);
    await page.addInitScript(recordSockets);
    await page.goto(`${BASE_URL}/c/general`);
    await waitConnected(page);
    pages.push(page);
  }
  console.log(`${CLIENTS} pages connected; Redis forgets everything now`);
  redis('FLUSHALL');
  redis('CLIENT', 'KILL', 'TYPE', 'normal');
  const started = Date.now();
  const times = await Promise.all(
    pages.map(async (page) => {
      await page.waitForFunction(
        () =>
          window.__sockets.length >= 2 &&
          document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') === 'connected',
        undefined,
        { timeout: 120_000, polling: 100 },
      );
      return Date.now() - started;
    }),
  );
  times.sort((a, b) => a - b);
  console.log(`live again after: ${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')}`);
  console.log(`every page live again after ${(times[times.length - 1] / 1000).toFixed(1)} s`);
});
