import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import type { InvitePolicy, Language } from '../api/types.generated';
import { useServices } from '../core/services';
import { WORKSPACE_NAME_MAX_CHARS } from '../limits';
import { fetchWorkspace } from '../workspace/api';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { saveSettings } from './api';
import {
  fieldOfError,
  formFromSettings,
  SEARCH_LANGUAGES,
  settingsRequest,
  type FieldErrors,
  type SettingsForm,
  type SizeUnit,
} from './settingsForm';

/** The workspace's name, upload limit, allowed file types, invite policy and search language. */
export function SettingsTab() {
  const { api } = useServices();
  const { replace } = useWorkspace();
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  // Read afresh: another admin may have saved since the app loaded.
  useEffect(() => {
    let cancelled = false;
    fetchWorkspace(api).then(
      (settings) => {
        if (cancelled) return;
        replace(settings);
        setForm(formFromSettings(settings));
      },
      (err: unknown) => {
        if (!cancelled) setLoadError(errorMessage(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, replace]);

  if (loadError)
    return (
      <p className="error-text" role="alert">
        {loadError}
      </p>
    );
  if (!form) return <p className="muted">Loading…</p>;
  return <SettingsEditor initial={form} />;
}

function SettingsEditor({ initial }: { initial: SettingsForm }) {
  const { api } = useServices();
  const { replace } = useWorkspace();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const edit = (change: Partial<SettingsForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setSaved(false);
  };

  const submit = async () => {
    const checked = settingsRequest(form);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      const settings = await saveSettings(api, checked.request);
      replace(settings);
      setForm(formFromSettings(settings));
      setSaved(true);
    } catch (err) {
      const field = err instanceof ApiError ? fieldOfError(err.code) : null;
      if (field) setErrors({ [field]: errorMessage(err) });
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form admin-settings"
      data-testid="admin-settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="field-label">
        Workspace name
        <input
          className="text-input"
          data-testid="settings-name"
          maxLength={WORKSPACE_NAME_MAX_CHARS + 8}
          value={form.name}
          onChange={(e) => edit({ name: e.target.value })}
        />
      </label>
      <FieldError field="name" errors={errors} />

      <label className="field-label" htmlFor="settings-upload-amount">
        Largest file people may upload
      </label>
      <span className="admin-size">
        <input
          id="settings-upload-amount"
          className="text-input"
          data-testid="settings-upload-amount"
          inputMode="decimal"
          value={form.uploadAmount}
          onChange={(e) => edit({ uploadAmount: e.target.value })}
        />
        <select
          className="text-input"
          aria-label="Unit"
          data-testid="settings-upload-unit"
          value={form.uploadUnit}
          onChange={(e) => edit({ uploadUnit: e.target.value as SizeUnit })}
        >
          <option value="KiB">KiB</option>
          <option value="MiB">MiB</option>
          <option value="GiB">GiB</option>
        </select>
      </span>
      <FieldError field="maxUploadBytes" errors={errors} />

      <label className="field-label">
        Allowed file types <span className="muted">(extensions, separated by commas)</span>
        <textarea
          className="text-input"
          data-testid="settings-file-types"
          rows={3}
          value={form.fileTypes}
          onChange={(e) => edit({ fileTypes: e.target.value })}
        />
      </label>
      <FieldError field="allowedFileTypes" errors={errors} />

      <fieldset className="field-choice">
        <legend className="field-label">Who may invite people by email</legend>
        {(
          [
            ['everyone', 'Admins and members (guests never can)'],
            ['admins', 'Only admins'],
          ] as [InvitePolicy, string][]
        ).map(([policy, label]) => (
          <label key={policy}>
            <input
              type="radio"
              name="invite-policy"
              data-testid={`settings-invite-${policy}`}
              checked={form.invitePolicy === policy}
              onChange={() => edit({ invitePolicy: policy })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>

      <label className="field-label">
        Search language
        <select
          className="text-input"
          data-testid="settings-search-language"
          value={form.searchLanguage}
          onChange={(e) => edit({ searchLanguage: e.target.value as Language })}
        >
          {SEARCH_LANGUAGES.map(([language, label]) => (
            <option key={language} value={language}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <p className="field-note muted" data-testid="settings-search-language-note">
        Search finds words by their stem in this language. A change applies to new messages; <code>migrate reindex-search --apply</code> re-indexes older ones.
      </p>

      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="admin-saved" role="status" data-testid="settings-saved">
          Saved.
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="button button-primary" data-testid="settings-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function FieldError({ field, errors }: { field: keyof FieldErrors; errors: FieldErrors }) {
  const message = errors[field];
  if (!message) return null;
  return (
    <p className="field-error" role="alert" data-testid={`settings-error-${field}`}>
      {message}
    </p>
  );
}
