import type { FailureCode } from '../api/errors';
import type { InvitePolicy, Language, UpdateWorkspaceSettings, WorkspaceSettings } from '../api/types.generated';
import { UPLOAD_MAX_BYTES_CEILING, UPLOAD_MAX_BYTES_FLOOR, WORKSPACE_NAME_MAX_CHARS } from '../limits';

export type SizeUnit = 'KiB' | 'MiB' | 'GiB';

export const UNIT_BYTES: Record<SizeUnit, number> = {
  KiB: 1024,
  MiB: 1024 * 1024,
  GiB: 1024 * 1024 * 1024,
};

/** The settings form as typed: text until it is checked. */
export type SettingsForm = {
  name: string;
  uploadAmount: string;
  uploadUnit: SizeUnit;
  /** Extensions separated by commas or spaces. */
  fileTypes: string;
  invitePolicy: InvitePolicy;
  searchLanguage: Language;
};

/** The languages search can stem for, as the select offers them ("none" first: no stemming). */
export const SEARCH_LANGUAGES: readonly [Language, string][] = [
  ['none', 'None (exact words, any language)'],
  ['arabic', 'Arabic'],
  ['danish', 'Danish'],
  ['dutch', 'Dutch'],
  ['english', 'English'],
  ['finnish', 'Finnish'],
  ['french', 'French'],
  ['german', 'German'],
  ['greek', 'Greek'],
  ['hungarian', 'Hungarian'],
  ['italian', 'Italian'],
  ['norwegian', 'Norwegian'],
  ['portuguese', 'Portuguese'],
  ['romanian', 'Romanian'],
  ['russian', 'Russian'],
  ['spanish', 'Spanish'],
  ['swedish', 'Swedish'],
  ['tamil', 'Tamil'],
  ['turkish', 'Turkish'],
];

export type SettingsField = 'name' | 'maxUploadBytes' | 'allowedFileTypes';
export type FieldErrors = Partial<Record<SettingsField, string>>;

/** The form for saved settings: the upload limit in the largest unit that holds it whole. */
export function formFromSettings(settings: WorkspaceSettings): SettingsForm {
  const bytes = settings.maxUploadBytes;
  const unit: SizeUnit =
    bytes % UNIT_BYTES.GiB === 0 ? 'GiB' : bytes % UNIT_BYTES.MiB === 0 ? 'MiB' : 'KiB';
  const amount = bytes / UNIT_BYTES[unit];
  return {
    name: settings.name,
    uploadAmount: String(Number.isInteger(amount) ? amount : Number(amount.toFixed(3))),
    uploadUnit: unit,
    fileTypes: settings.allowedFileTypes.join(', '),
    invitePolicy: settings.invitePolicy,
    searchLanguage: settings.searchLanguage,
  };
}

/** The extensions in what was typed: `.PDF, png  jpg` gives `['.PDF', 'png', 'jpg']`. */
export function splitFileTypes(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * The request for the form, or what to fix first. These are the server's own rules, checked
 * early so a person sees them as they go; the server checks again and its answer wins.
 */
export function settingsRequest(form: SettingsForm): { request: UpdateWorkspaceSettings } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'The workspace needs a name.';
  else if ([...name].length > WORKSPACE_NAME_MAX_CHARS)
    errors.name = `A workspace name has at most ${WORKSPACE_NAME_MAX_CHARS} characters.`;

  const amount = Number(form.uploadAmount.trim());
  const bytes = Math.round(amount * UNIT_BYTES[form.uploadUnit]);
  if (!form.uploadAmount.trim() || !Number.isFinite(amount) || amount <= 0) {
    errors.maxUploadBytes = 'Enter the largest file size allowed, such as 50 MiB.';
  } else if (bytes < UPLOAD_MAX_BYTES_FLOOR || bytes > UPLOAD_MAX_BYTES_CEILING) {
    errors.maxUploadBytes = 'The upload limit must be between 1 KiB and 5 GiB.';
  }

  const allowedFileTypes = splitFileTypes(form.fileTypes);
  if (allowedFileTypes.length === 0) errors.allowedFileTypes = 'Allow at least one file type.';

  if (Object.keys(errors).length > 0) return { errors };
  return {
    request: {
      name,
      maxUploadBytes: bytes,
      allowedFileTypes,
      invitePolicy: form.invitePolicy,
      searchLanguage: form.searchLanguage,
    },
  };
}

/** Which field a server error code is about (null when it is about none in particular). */
export function fieldOfError(code: FailureCode): SettingsField | null {
  switch (code) {
    case 'invalid_workspace_name':
      return 'name';
    case 'invalid_upload_limit':
      return 'maxUploadBytes';
    case 'invalid_file_types':
      return 'allowedFileTypes';
    default:
      return null;
  }
}
