import type { ApiClient } from '../api/client';
import { apiPath } from '../api/routes';
import type { Draft, SaveDraft } from '../api/types.generated';

export function fetchDrafts(api: ApiClient): Promise<Draft[]> {
  return api.get<Draft[]>(apiPath('GET /api/v1/drafts'));
}

/** Saves a draft; an empty body clears it (the server answers 204, so nothing). */
export function saveDraft(api: ApiClient, draft: SaveDraft): Promise<Draft | undefined> {
  return api.put<Draft | undefined>(apiPath('PUT /api/v1/drafts'), draft);
}
