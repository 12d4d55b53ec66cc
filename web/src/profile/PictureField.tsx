import { useEffect, useRef, useState } from 'react';
import { useCurrentUser, useSession } from '../auth/session';
import { useServices } from '../core/services';
import { uploadFile } from '../files/uploadFile';
import { uploadError } from '../files/useUploads';
import { Avatar } from '../users/Avatar';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { removePicture, setPicture } from './api';
import { PICTURE_TYPES, pictureProgress, pictureRefusal } from './picture';

/**
 * The profile dialog's picture: "Change picture" uploads an image the way the composer sends
 * files, then makes it the picture (the server crops it square); "Remove picture" brings the
 * tile back. Both take effect at once, apart from the dialog's Save.
 */
export function PictureField() {
  const me = useCurrentUser();
  const { api } = useServices();
  const { replaceUser } = useSession();
  const limits = useWorkspace().settings;
  const input = useRef<HTMLInputElement>(null);
  const running = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null;

  // Closing the dialog stops an upload on its way.
  useEffect(() => () => running.current?.abort(), []);

  const change = async (file: File) => {
    const refusal = pictureRefusal(file, limits);
    setError(refusal);
    if (refusal) return;
    const control = new AbortController();
    running.current = control;
    setProgress(pictureProgress(0, file.size));
    try {
      const uploadID = await uploadFile(api, { file, name: file.name, size: file.size, contentType: file.type }, control.signal, {
        progress: (sent) => setProgress(pictureProgress(sent, file.size)),
      });
      setProgress(pictureProgress(file.size, file.size));
      replaceUser(await setPicture(api, uploadID));
    } catch (err) {
      if (!control.signal.aborted) setError(uploadError(err));
    } finally {
      if (running.current === control) running.current = null;
      if (!control.signal.aborted) setProgress(null);
    }
  };

  const remove = async () => {
    setError(null);
    setProgress('Removing picture…');
    try {
      replaceUser(await removePicture(api));
    } catch (err) {
      setError(uploadError(err));
    } finally {
      setProgress(null);
    }
  };

  return (
    <fieldset className="picture-field">
      <legend className="field-label">Picture</legend>
      <div className="picture-row">
        <Avatar userId={me.id} name={me.displayName} avatar={me.avatar} />
        <div className="picture-actions">
          <div className="picture-buttons">
            <button
              type="button"
              className="button"
              data-testid="avatar-change"
              disabled={busy}
              onClick={() => input.current?.click()}
            >
              Change picture
            </button>
            {me.avatar && (
              <button type="button" className="button" data-testid="avatar-remove" disabled={busy} onClick={() => void remove()}>
                Remove picture
              </button>
            )}
          </div>
          <input
            ref={input}
            type="file"
            accept={PICTURE_TYPES}
            hidden
            data-testid="avatar-input"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              // The same file chosen again is a change too.
              e.currentTarget.value = '';
              if (file) void change(file);
            }}
          />
          <p className="muted field-note" role="status" data-testid="avatar-status">
            {progress ?? 'A PNG, JPEG, GIF or WebP image, cropped to a square.'}
          </p>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="avatar-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
