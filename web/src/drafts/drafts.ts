import type { Draft, ParentType } from '../api/types.generated';

/** Where a draft belongs: a channel's or conversation's composer, or a thread's. */
export type DraftScope = { parentType: ParentType; parentID: string; threadRootID: string | null };

export function draftKey(scope: DraftScope): string {
  return `${scope.parentType}:${scope.parentID}:${scope.threadRootID ?? ''}`;
}

/** How long typing pauses before the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 1_000;

/**
 * Whether a draft from the server (another device, or an older answer) replaces the text in the
 * composer: only when it was typed after the last local edit, and says something else. Never
 * before any local edit is known to be older, so a stale echo cannot undo typing.
 */
export function takesRemoteDraft(
  remote: Pick<Draft, 'body' | 'editedAt'>,
  local: { text: string; editedAt: number | null },
): boolean {
  if (remote.body === local.text) return false;
  const remoteAt = Date.parse(remote.editedAt);
  if (Number.isNaN(remoteAt)) return false;
  return local.editedAt === null || remoteAt > local.editedAt;
}
