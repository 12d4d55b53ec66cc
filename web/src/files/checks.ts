// What the composer checks before asking to upload: the workspace's limits (the server checks
// them again and is the authority) and how many files one message carries.
import type { WorkspaceSettings } from '../api/types.generated';
import { ATTACHMENTS_PER_MESSAGE_MAX, FILE_NAME_MAX_CHARS } from '../limits';
import { formatBytes } from './format';

export type UploadLimits = Pick<WorkspaceSettings, 'maxUploadBytes' | 'allowedFileTypes'>;

/**
 * Whether the workspace takes a file of this name: the text after its last dot, in lower case,
 * is on the list (as `WorkspaceSettings::allows_file` on the server).
 */
export function allowsFileType(name: string, allowed: readonly string[]): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && allowed.includes(name.slice(dot + 1).toLowerCase());
}

/**
 * Why this file cannot be sent, in a sentence naming it; null when it can. Without the
 * workspace's settings (not loaded yet) only what holds everywhere is checked.
 */
export function fileRefusal(file: { name: string; size: number }, limits: UploadLimits | null): string | null {
  const name = file.name;
  if (file.size === 0) return `${name} is empty.`;
  if ([...name].length > FILE_NAME_MAX_CHARS) {
    return `The name of ${[...name].slice(0, 40).join('')}… is longer than ${FILE_NAME_MAX_CHARS} characters; rename the file.`;
  }
  if (!limits) return null;
  if (file.size > limits.maxUploadBytes) {
    return `${name} is ${formatBytes(file.size)}; files can be at most ${formatBytes(limits.maxUploadBytes)} here.`;
  }
  if (!allowsFileType(name, limits.allowedFileTypes)) {
    const dot = name.lastIndexOf('.');
    return dot >= 0
      ? `${name}: this workspace does not take .${name.slice(dot + 1).toLowerCase()} files.`
      : `${name}: this workspace takes only files whose name ends in an allowed type, such as .pdf.`;
  }
  return null;
}

/**
 * Of the files added, those that still fit in one message next to `present` already there, and
 * what to say about the rest.
 */
export function fitToMessage<T>(present: number, added: readonly T[]): { taken: T[]; note: string | null } {
  const room = Math.max(0, ATTACHMENTS_PER_MESSAGE_MAX - present);
  if (added.length <= room) return { taken: [...added], note: null };
  const left = added.length - room;
  return {
    taken: added.slice(0, room),
    note: `A message can carry at most ${ATTACHMENTS_PER_MESSAGE_MAX} files; ${left === 1 ? '1 was' : `${left} were`} left out.`,
  };
}
