import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WorkspaceSettings } from '../api/types.generated';
import { useServices } from '../core/services';
import { fetchWorkspace } from './api';

/** The name shown until the workspace's own has loaded (and if it cannot be). */
export const FALLBACK_WORKSPACE_NAME = 'Parley';

type WorkspaceContextValue = {
  /** Null while loading, or when it could not be read (the app works on without it). */
  settings: WorkspaceSettings | null;
  /** Puts settings an admin just saved in place, without reading them again. */
  replace: (settings: WorkspaceSettings) => void;
};

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** Reads the workspace's settings once per signed-in session. */
export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const { api } = useServices();
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetchWorkspace(api).then(
      (loaded) => {
        if (!cancelled) setSettings(loaded);
      },
      () => {
        // Not essential: the fallback name shows, and the admin page reports its own errors.
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const value = useMemo(() => ({ settings, replace: setSettings }), [settings]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}

export function useWorkspaceName(): string {
  return useWorkspace().settings?.name ?? FALLBACK_WORKSPACE_NAME;
}
