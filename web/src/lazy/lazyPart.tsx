import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { ChunkBoundary } from './ChunkBoundary';

/**
 * What shows while a part's code arrives, shaped like the part so nothing jumps: a side panel's
 * frame, a quiet line in the page, a small note over the page for dialogs, or nothing (for parts
 * that pop up under the pointer, where a note would only flicker).
 */
export type LazyFallback = 'panel' | 'page' | 'overlay' | 'none';

function Fallback({ kind, label }: { kind: LazyFallback; label: string }): ReactNode {
  const text = `Loading ${label}…`;
  switch (kind) {
    case 'panel':
      return (
        <aside className="side-panel" aria-label={label} aria-busy="true" data-testid="lazy-loading">
          <p className="main-message muted" role="status">
            {text}
          </p>
        </aside>
      );
    case 'page':
      return (
        <p className="main-message muted" role="status" data-testid="lazy-loading">
          {text}
        </p>
      );
    case 'overlay':
      return (
        <p className="lazy-overlay" role="status" data-testid="lazy-loading">
          {text}
        </p>
      );
    case 'none':
      return null;
  }
}

/**
 * A component whose code loads the first time it is shown (React.lazy), with a fallback while it
 * arrives and a reload offer if it cannot arrive. `load` imports the module and picks the export.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props, as React.lazy itself
export function lazyPart<C extends ComponentType<any>>(
  load: () => Promise<C>,
  label: string,
  fallback: LazyFallback,
): C {
  const Lazy = lazy(async () => ({ default: await load() }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Part = (props: any) => (
    <ChunkBoundary floating={fallback === 'overlay' || fallback === 'none'}>
      <Suspense fallback={<Fallback kind={fallback} label={label} />}>
        <Lazy {...props} />
      </Suspense>
    </ChunkBoundary>
  );
  Part.displayName = `Lazy(${label})`;
  return Part as unknown as C;
}
