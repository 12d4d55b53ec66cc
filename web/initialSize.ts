// A Vite plugin that prints, after a build, how much JavaScript a first visit downloads before
// the app can start: the entry chunk and every chunk it imports statically, gzipped. Chunks
// loaded on first use (the admin pages, the emoji data) are listed apart. Issue 15 set the
// budget; a build over it says so (it still succeeds: the figure is for people to act on).
// SIZE_DETAIL=1 npm run build lists the biggest modules of that first download.
import { gzipSync } from 'node:zlib';
import type { OutputBundle, OutputChunk } from 'rollup';
import type { Plugin } from 'vite';

/** Initial JavaScript a first visit may download, gzipped. */
export const INITIAL_JS_BUDGET_BYTES = 120 * 1024;

function chunks(bundle: OutputBundle): Map<string, OutputChunk> {
  const found = new Map<string, OutputChunk>();
  for (const [name, item] of Object.entries(bundle)) {
    if (item.type === 'chunk') found.set(name, item);
  }
  return found;
}

/** The entry chunks and everything they import statically, by file name. */
function initialFiles(all: Map<string, OutputChunk>): Set<string> {
  const initial = new Set<string>();
  const visit = (name: string) => {
    const chunk = all.get(name);
    if (!chunk || initial.has(name)) return;
    initial.add(name);
    chunk.imports.forEach(visit);
  };
  for (const [name, chunk] of all) if (chunk.isEntry) visit(name);
  return initial;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function initialSize(): Plugin {
  return {
    name: 'parley-initial-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const all = chunks(bundle);
      const initial = initialFiles(all);
      const gzipped = (name: string) => gzipSync(all.get(name)?.code ?? '').length;
      const first = [...initial].reduce((sum, name) => sum + gzipped(name), 0);
      const later = [...all.keys()].filter((name) => !initial.has(name));
      const lines = [
        `initial JS: ${kb(first)} gzip in ${initial.size} file(s) (budget ${kb(INITIAL_JS_BUDGET_BYTES)})`,
        ...later.map((name) => `  on first use: ${name} ${kb(gzipped(name))} gzip`),
      ];
      if (process.env.SIZE_DETAIL === '1') {
        // The biggest modules of the first download, before minifying and gzip.
        const modules = [...initial]
          .flatMap((name) => Object.entries(all.get(name)?.modules ?? {}))
          .sort(([, a], [, b]) => b.renderedLength - a.renderedLength)
          .slice(0, 25);
        for (const [id, info] of modules) lines.push(`  ${kb(info.renderedLength).padStart(9)}  ${id}`);
      }
      if (first > INITIAL_JS_BUDGET_BYTES) {
        lines.push('initial JS is over its budget: load the new code on first use (React.lazy, import())');
      }
      console.log(`\n${lines.join('\n')}\n`);
    },
  };
}
