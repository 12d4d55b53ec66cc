import type { ReactNode } from 'react';

/** A full-page message: loading, or a problem with a way out. */
export function StatusPage({ children }: { children: ReactNode }) {
  return (
    <main className="status-page">
      <div className="status-card">{children}</div>
    </main>
  );
}
