import { Suspense, type ReactNode } from 'react';
import { ChunkBoundary } from '../lazy/ChunkBoundary';

/** A lazily loaded page, with a quiet line while its chunk arrives and a reload offer if it cannot. */
export function Later({ children }: { children: ReactNode }) {
  return (
    <ChunkBoundary>
      <Suspense
        fallback={
          <p className="main-message muted" role="status">
            Loading…
          </p>
        }
      >
        {children}
      </Suspense>
    </ChunkBoundary>
  );
}
