// Accessibility checks in the browser tests: axe-core run inside the page. Re-exported by
// helpers.mjs; see expectAccessible.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Only these impacts fail a check; moderate and minor findings are listed, not fatal. */
const FAILING = new Set(['serious', 'critical']);
let axeSource;

/**
 * Loads axe-core into the page. The app's CSP allows no inline or injected <script> (so
 * page.addScriptTag is refused); evaluating the source through the DevTools protocol is not
 * subject to the page's CSP, and axe itself needs neither eval nor network.
 */
async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
}

/**
 * Runs axe on the page as it is now (after waiting for animations to settle) and returns its
 * violations, each as { id, impact, help, helpUrl, nodes: [{ target, summary }] }.
 */
export async function axeViolations(page) {
  await injectAxe(page);
  // Transitions half way through would give colours that no one sees for long. (Endless ones,
  // such as a spinner, never finish: they are left alone.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  });
}

/** The violations that fail a check (serious or critical). */
export function failing(violations) {
  return violations.filter((v) => FAILING.has(v.impact));
}

/** A readable list of violations: rule, impact, what it asks for, then each element and why. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target}\n      ${n.summary.replace(/\n\s*/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/**
 * Fails when axe finds any serious or critical issue on the page as it is now, with a readable
 * list of them. `screen` names what is shown (for the message). Returns all violations found
 * (moderate and minor included) for callers that report them.
 */
export async function expectAccessible(page, screen) {
  const violations = await axeViolations(page);
  const bad = failing(violations);
  if (bad.length > 0) {
    const scheme = await page.evaluate(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
    const theme = await page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    throw new Error(
      `axe: ${bad.length} serious or critical issue(s) on "${screen}" (theme ${theme}, device ${scheme}):\n` +
        describeViolations(bad),
    );
  }
  return violations;
}
