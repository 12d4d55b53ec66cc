import { describe, expect, it } from 'vitest';
import type { WorkspaceSettings } from '../api/types.generated';
import { fieldOfError, formFromSettings, SEARCH_LANGUAGES, settingsRequest, type SettingsForm } from './settingsForm';

const saved: WorkspaceSettings = {
  name: 'Acme',
  maxUploadBytes: 50 * 1024 * 1024,
  allowedFileTypes: ['pdf', 'png'],
  invitePolicy: 'everyone',
  searchLanguage: 'english',
};

const form = (change: Partial<SettingsForm> = {}): SettingsForm => ({ ...formFromSettings(saved), ...change });

describe('settings form', () => {
  it('shows the upload limit in the largest whole unit', () => {
    expect(formFromSettings(saved)).toMatchObject({ uploadAmount: '50', uploadUnit: 'MiB', fileTypes: 'pdf, png' });
    expect(formFromSettings({ ...saved, maxUploadBytes: 2 * 1024 ** 3 })).toMatchObject({ uploadAmount: '2', uploadUnit: 'GiB' });
    expect(formFromSettings({ ...saved, maxUploadBytes: 1536 })).toMatchObject({ uploadAmount: '1.5', uploadUnit: 'KiB' });
  });

  it('turns the form back into the same settings', () => {
    expect(settingsRequest(form())).toEqual({ request: saved });
    expect(settingsRequest(form({ fileTypes: '.PDF,  png\ndoc', uploadAmount: '1.5', uploadUnit: 'GiB' }))).toEqual({
      request: { ...saved, allowedFileTypes: ['.PDF', 'png', 'doc'], maxUploadBytes: 1.5 * 1024 ** 3 },
    });
  });

  it('keeps the search language', () => {
    expect(formFromSettings(saved).searchLanguage).toBe('english');
    expect(settingsRequest(form({ searchLanguage: 'french' }))).toMatchObject({ request: { searchLanguage: 'french' } });
  });

  it('offers every language once', () => {
    const offered = SEARCH_LANGUAGES.map(([language]) => language);
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered).toContain('none');
  });

  it('names each field to fix', () => {
    expect(settingsRequest(form({ name: '  ', uploadAmount: 'lots', fileTypes: ' , ' }))).toEqual({
      errors: {
        name: expect.any(String) as string,
        maxUploadBytes: expect.any(String) as string,
        allowedFileTypes: expect.any(String) as string,
      },
    });
    expect(settingsRequest(form({ uploadAmount: '6', uploadUnit: 'GiB' }))).toMatchObject({
      errors: { maxUploadBytes: 'The upload limit must be between 1 KiB and 5 GiB.' },
    });
    expect(settingsRequest(form({ uploadAmount: '0.5', uploadUnit: 'KiB' }))).toHaveProperty('errors.maxUploadBytes');
  });

  it('maps server codes to fields', () => {
    expect(fieldOfError('invalid_workspace_name')).toBe('name');
    expect(fieldOfError('invalid_upload_limit')).toBe('maxUploadBytes');
    expect(fieldOfError('invalid_file_types')).toBe('allowedFileTypes');
    expect(fieldOfError('admins_only')).toBeNull();
  });
});
