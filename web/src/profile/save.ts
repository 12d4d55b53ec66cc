import type { ApiClient } from '../api/client';
import type { CustomStatus, SetCustomStatus, UpdateProfile, User } from '../api/types.generated';
import { clearStatus, setStatus, updateProfile } from './api';
import { clearAtFor, type ClearAfter } from './status';

/** "keep": leave the shown status's clearing time as it is. */
export type ClearChoice = ClearAfter | 'keep';

export type StatusDraft = { emoji: string; text: string; clearAfter: ClearChoice };

export type ProfileDraft = {
  /** null: not the person's to change (an SSO account's name). */
  displayName: string | null;
  /** '' for none chosen. */
  timeZone: string;
  savedZone: string | null;
  status: StatusDraft;
  /** The status shown when the form opened, if any. */
  shown: CustomStatus | null;
  now: Date;
};

/** The name and time zone to send, or null when neither changed. */
export function profileChange(me: User, draft: ProfileDraft): UpdateProfile | null {
  const change: UpdateProfile = {};
  if (draft.displayName !== null && draft.displayName.trim() !== me.displayName) {
    change.displayName = draft.displayName;
  }
  if (draft.timeZone !== (draft.savedZone ?? '')) change.timeZone = draft.timeZone;
  return Object.keys(change).length > 0 ? change : null;
}

export type StatusAction = { kind: 'none' } | { kind: 'clear' } | { kind: 'set'; body: SetCustomStatus };

/** What to do with the status: leave it, clear it (both emptied), or set it. */
export function statusAction(draft: ProfileDraft): StatusAction {
  const { shown, now } = draft;
  const emoji = draft.status.emoji.trim();
  const text = draft.status.text.trim();
  const { clearAfter } = draft.status;
  if (!emoji && !text) return shown ? { kind: 'clear' } : { kind: 'none' };
  const same = shown !== null && shown.emoji === emoji && shown.text === text;
  if (same && (clearAfter === 'keep' || (clearAfter === 'never' && shown.clearAt === null))) {
    return { kind: 'none' };
  }
  const clearAt = clearAfter === 'keep' ? (shown?.clearAt ?? null) : clearAtFor(clearAfter, now)?.toISOString();
  const body: SetCustomStatus = { emoji, text };
  if (clearAt) body.clearAt = clearAt;
  return { kind: 'set', body };
}

/** The profile part was saved and the status part then failed. */
export class PartlySaved extends Error {
  readonly user: User;
  override readonly cause: unknown;

  constructor(user: User, cause: unknown) {
    super('saved in part');
    this.user = user;
    this.cause = cause;
  }
}

/**
 * Saves what changed: name and time zone first, then the status. The account after, or null when
 * nothing changed. Throws the server's error; `PartlySaved` when the first part was saved.
 */
export async function saveProfile(api: ApiClient, me: User, draft: ProfileDraft): Promise<User | null> {
  const change = profileChange(me, draft);
  const action = statusAction(draft);
  const saved = change ? await updateProfile(api, change) : null;
  try {
    switch (action.kind) {
      case 'none':
        return saved;
      case 'set':
        return await setStatus(api, action.body);
      case 'clear':
        await clearStatus(api);
        return { ...(saved ?? me), customStatus: null };
    }
  } catch (err) {
    if (saved) throw new PartlySaved(saved, err);
    throw err;
  }
}

/** Clears the status at once; the account after. */
export async function clearProfileStatus(api: ApiClient, me: User): Promise<User> {
  await clearStatus(api);
  return { ...me, customStatus: null };
}
