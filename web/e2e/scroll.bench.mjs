// `make bench-scroll` (scripts/bench-scroll.sh): scrolls a channel of many messages back from the
// newest in headless Chromium, a step each animation frame, and prints p95 frame time
// (requestAnimationFrame deltas), DOM node count and JS heap after 1,000 and after all of them.
// Figures only: nothing here fails on a time. Not a *.test.mjs file, so `make test` does not run it.
// Needs PARLEY_E2E_URL (a running gateway) and BENCH_CHANNEL (the slug seed-messages printed).
import { BASE_URL, waitConnected, withBrowser } from './helpers.mjs';

const CHANNEL = process.env.BENCH_CHANNEL;
/** Pixels scrolled up per frame: a brisk flick, about 4,800 px a second at 60 fps. */
const STEP_PX = Number(process.env.STEP_PX ?? 80);
/** No phase runs longer than this, whatever happens. */
const PHASE_LIMIT_MS = 10 * 60_000;
const MARKS = [1000, Number(process.env.MESSAGES ?? 10_000)];

if (!CHANNEL) {
  console.error('BENCH_CHANNEL is not set: run this through `make bench-scroll`, which seeds the channel.');
  process.exit(2);
}

/**
 * In the page: scrolls the list up a step per frame until at least `target` messages are loaded
 * and the oldest loaded one is in view (or `limitMs` passes), recording each frame's time.
 */
function scrollBack({ target, step, limitMs }) {
  return new Promise((resolve) => {
    const list = document.querySelector('[data-testid="message-list"]');
    const deltas = [];
    const moving = [];
    const started = performance.now();
    let last = started;
    const frame = (now) => {
      const delta = now - last;
      last = now;
      const loaded = Number(list.dataset.loaded);
      const before = list.scrollTop;
      list.scrollTop = Math.max(0, before - step);
      const moved = list.scrollTop !== before;
      deltas.push(delta);
      if (moved) moving.push(delta);
      const atOldest = !moved && list.scrollTop === 0 && loaded >= target;
      if (atOldest || now - started > limitMs) {
        resolve({ deltas, moving, loaded, seconds: (now - started) / 1000, timedOut: !atOldest });
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(frame);
    });
  });
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  return { dom, heapMb: metric('JSHeapUsedSize') / 1024 / 1024 };
}

const ms = (v) => `${v.toFixed(1)} ms`;

await withBrowser('scroll-bench', async ({ run, signInAs }) => {
  const reader = await signInAs(`reader-${run}`);
  await reader.goto(`${BASE_URL}/c/${CHANNEL}`);
  await waitConnected(reader);
  await reader.getByTestId('channel-join-button').click();
  await reader.getByTestId('composer-input').waitFor();
  await reader.getByTestId('message').first().waitFor();
  const cdp = await reader.context().newCDPSession(reader);
  await cdp.send('Performance.enable');
  const opened = await memory(reader, cdp);
  console.log(`#${CHANNEL}: Chromium headless 1280x800, scrolling up ${STEP_PX} px a frame`);
  console.log(`on opening: DOM nodes ${opened.dom}, JS heap ${opened.heapMb.toFixed(1)} MB`);
  for (const target of MARKS) {
    const result = await reader.evaluate(scrollBack, { target, step: STEP_PX, limitMs: PHASE_LIMIT_MS });
    const after = await memory(reader, cdp);
    const long = result.deltas.filter((d) => d > 50).length;
    console.log(
      `back through ${target.toLocaleString('en')} messages (${result.loaded} loaded, ${result.seconds.toFixed(0)} s${result.timedOut ? ', STOPPED at the time limit' : ''}): ` +
        `frames ${result.deltas.length}, p50 ${ms(percentile(result.deltas, 50))}, p95 ${ms(percentile(result.deltas, 95))}, ` +
        `max ${ms(Math.max(...result.deltas))}, over 50 ms ${long}; ` +
        `p95 of frames that scrolled ${ms(percentile(result.moving, 95))}; ` +
        `DOM nodes ${after.dom}, JS heap ${after.heapMb.toFixed(1)} MB`,
    );
  }
});
