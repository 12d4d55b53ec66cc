import type { ReactNode } from 'react';

/** A full-page message: loading, or a problem with a way out. */
export function StatusPage({ children }: { children: ReactNode }) {
  return (
    <main className="status-page">
      <div className="status-card">{children}</div>
    </main>
  );
}

/** The whole page while the app starts. */
export function LoadingParley() {
  return (
    <StatusPage>
      <p className="muted" role="status">
        Loading Parley…
      </p>
    </StatusPage>
  );
}
