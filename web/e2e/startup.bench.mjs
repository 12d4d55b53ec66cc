// Browser benchmark: how long a signed-in page load takes to show the channel's messages, with
// LATENCY ms (default 100) added to every request by Chromium's network emulation, over N (12)
// reloads. Figures only. Run against a running local gateway (PARLEY_E2E_URL, as for the e2e
// tests): `LATENCY=100 node e2e/startup.bench.mjs`.
import { withBrowser, BASE_URL, sendMessage } from './helpers.mjs';
const N = Number(process.env.N ?? 12);
const LATENCY = Number(process.env.LATENCY ?? 100);
await withBrowser('startup-time', async ({ run, signInAs }) => {
  const page = await signInAs(`st-${run}`);
  const text = `timing ${run}`;
  await sendMessage(page, text);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY, downloadThroughput: -1, uploadThroughput: -1 });
  const times = [];
  for (let i = 0; i < N; i++) {
    const start = Date.now();
    await page.goto(`${BASE_URL}/c/general`);
    await page.getByText(text).first().waitFor();
    times.push(Date.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`latency ${LATENCY} ms: median ${times[Math.floor(N / 2)]} ms, min ${times[0]}, max ${times[N - 1]} (${times.join(' ')})`);
});
