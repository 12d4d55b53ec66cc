import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { WorkspaceSettings } from '../api/types.generated';

/** The workspace's name, upload limits and invite policy (any signed-in user). */
export function fetchWorkspace(api: ApiClient): Promise<WorkspaceSettings> {
  return api.get<WorkspaceSettings>(apiPath('GET /api/v1/workspace'));
}
