// A Vite plugin that prints, after a build, how much JavaScript a visit downloads before the app
// can start, gzipped, and fails the build when that is over its budget (issue 15):
//
// - initial JS: the entry chunk and every chunk it imports statically: Preact (with
//   preact/compat, which the app's React imports resolve to: vite.config.ts), the router, the
//   session check and the sign-in page. Budget INITIAL_JS_BUDGET_BYTES.
// - signed-in start: the initial JS plus the signed-in app (sidebar, channel, messages, realtime)
//   and what it imports statically, which a signed-in visit downloads beside the session check
//   (src/app/signedInChunk.ts). Budget SIGNED_IN_BUDGET_BYTES, so that what opens later (panels,
//   dialogs, pages) keeps loading on first use.
//
// Every other chunk loads on first use and is listed apart. SIZE_DETAIL=1 npm run build lists the
// biggest modules of the signed-in start.
import { gzipSync } from 'node:zlib';
import type { OutputBundle, OutputChunk } from 'rollup';
import type { Plugin } from 'vite';

/** Initial JavaScript a first visit may download, gzipped. */
export const INITIAL_JS_BUDGET_BYTES = 120 * 1024;
/**
 * JavaScript a signed-in visit may download before its first channel shows, gzipped: the same
 * 120 KB. Rendering with Preact (about 9 KB with compat) in place of React and React DOM (about
 * 69 KB) took it from 153.9 KB to 93.9 KB; react-router (about 14 KB) and @tanstack/virtual-core
 * (about 11 KB) are the biggest libraries left in it.
 */
export const SIGNED_IN_BUDGET_BYTES = 120 * 1024;
/** The module of the signed-in app, a chunk of its own. */
const SIGNED_IN_APP = '/src/app/SignedInApp.tsx';

function chunks(bundle: OutputBundle): Map<string, OutputChunk> {
  const found = new Map<string, OutputChunk>();
  for (const [name, item] of Object.entries(bundle)) {
    if (item.type === 'chunk') found.set(name, item);
  }
  return found;
}

/** The chunks `starts` picks and everything they import statically, by file name. */
function closure(all: Map<string, OutputChunk>, starts: (chunk: OutputChunk) => boolean): Set<string> {
  const found = new Set<string>();
  const visit = (name: string) => {
    const chunk = all.get(name);
    if (!chunk || found.has(name)) return;
    found.add(name);
    chunk.imports.forEach(visit);
  };
  for (const [name, chunk] of all) if (starts(chunk)) visit(name);
  return found;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const FIX =
  'load what the first screen does not show on first use (src/lazy/parts.ts, lazy(), import()); ' +
  'SIZE_DETAIL=1 npm --prefix web run build lists the biggest modules';

export function initialSize(): Plugin {
  return {
    name: 'parley-initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const all = chunks(bundle);
      const initial = closure(all, (chunk) => chunk.isEntry);
      const signedIn = closure(all, (chunk) => chunk.isEntry || chunk.moduleIds.some((id) => id.endsWith(SIGNED_IN_APP)));
      const gzipped = (name: string) => gzipSync(all.get(name)?.code ?? '').length;
      const total = (names: Set<string>) => [...names].reduce((sum, name) => sum + gzipped(name), 0);
      const first = total(initial);
      const start = total(signedIn);
      const later = [...all.keys()].filter((name) => !signedIn.has(name));
      const lines = [
        `initial JS: ${kb(first)} gzip in ${initial.size} file(s) (budget ${kb(INITIAL_JS_BUDGET_BYTES)})`,
        `signed-in start: ${kb(start)} gzip in ${signedIn.size} file(s) (budget ${kb(SIGNED_IN_BUDGET_BYTES)})`,
        ...later.map((name) => `  on first use: ${name} ${kb(gzipped(name))} gzip`),
      ];
      if (process.env.SIZE_DETAIL === '1') {
        // The biggest modules of the signed-in start, before minifying and gzip.
        const modules = [...signedIn]
          .flatMap((name) => Object.entries(all.get(name)?.modules ?? {}))
          .sort(([, a], [, b]) => b.renderedLength - a.renderedLength)
          .slice(0, 25);
        for (const [id, info] of modules) lines.push(`  ${kb(info.renderedLength).padStart(9)}  ${id}`);
      }
      console.log(`\n${lines.join('\n')}\n`);
      const react = [...all.values()].flatMap((chunk) => chunk.moduleIds).find((id) => /\/node_modules\/(react|react-dom|scheduler)\//.test(id));
      if (react) this.error(`React itself is in the bundle (${react}): an import escaped the preact/compat aliases of vite.config.ts`);
      if (signedIn.size === initial.size) {
        this.error(`no chunk for ${SIGNED_IN_APP}: App.tsx must load it with import() (see signedInChunk.ts)`);
      }
      if (first > INITIAL_JS_BUDGET_BYTES) {
        this.error(`initial JS is ${kb(first)} gzip, over its budget of ${kb(INITIAL_JS_BUDGET_BYTES)}: ${FIX}`);
      }
      if (start > SIGNED_IN_BUDGET_BYTES) {
        this.error(`signed-in start is ${kb(start)} gzip, over its budget of ${kb(SIGNED_IN_BUDGET_BYTES)}: ${FIX}`);
      }
    },
  };
}
