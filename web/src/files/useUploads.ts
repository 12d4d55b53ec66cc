import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/errors';
import { useServices } from '../core/services';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { fileRefusal, fitToMessage } from './checks';
import { isShownImageType } from './format';
import { uploadFile } from './uploadFile';
import { summarize, uploadsReducer, type NewUpload, type Upload, type UploadsSummary } from './uploadQueue';

/** Files hashed and sent at once; the others wait their turn in the queue. */
const PARALLEL_UPLOADS = 3;

export type ComposerUploads = {
  uploads: Upload[];
  summary: UploadsSummary;
  /** Files chosen, pasted or dropped: checked against the limits, then uploaded. */
  add: (files: readonly File[]) => void;
  /** Cancels a file still uploading, or takes a finished or failed one out. */
  remove: (key: string) => void;
  retry: (key: string) => void;
  /** These files went with a message: out of the composer. */
  sent: (keys: readonly string[]) => void;
  /** Why files were refused or left out; null when nothing was. */
  notice: string | null;
  dismissNotice: () => void;
};

/** What to say when a file could not be uploaded. */
export function uploadError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'uploads_unavailable') return 'File sharing is not set up on this server.';
    if (err.code === 'rate_limited') return 'Too many uploads in a short time. Wait a minute, then retry.';
    // The server's sentences start in lower case ("files can be at most…").
    return err.message.charAt(0).toUpperCase() + err.message.slice(1);
  }
  if (err instanceof Error && err.message.startsWith('Uploading needs')) return err.message;
  return errorMessage(err);
}

let nextKey = 0;

/**
 * The files of one composer: each is checked, hashed, granted and PUT straight to the bucket
 * with progress, a few at a time; cancel aborts it. Image files get an object URL for their chip,
 * revoked when the file leaves (removed, sent, or the composer closed).
 */
export function useUploads(): ComposerUploads {
  const { api } = useServices();
  const limits = useWorkspace().settings;
  const [uploads, dispatch] = useReducer(uploadsReducer, []);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped when a task ends, so the next queued file starts.
  const [finished, setFinished] = useState(0);
  const files = useRef(new Map<string, File>());
  const running = useRef(new Map<string, AbortController>());
  const previews = useRef(new Map<string, string>());
  const latest = useRef(uploads);
  useLayoutEffect(() => {
    latest.current = uploads;
  });

  const forget = useCallback((key: string) => {
    running.current.get(key)?.abort();
    running.current.delete(key);
    const preview = previews.current.get(key);
    if (preview) URL.revokeObjectURL(preview);
    previews.current.delete(key);
    files.current.delete(key);
  }, []);

  const start = useCallback(
    (upload: Upload) => {
      const file = files.current.get(upload.key);
      if (!file) return;
      const key = upload.key;
      const control = new AbortController();
      const { signal } = control;
      running.current.set(key, control);
      void (async () => {
        try {
          const { name, size, contentType, sha256 } = upload;
          await uploadFile(api, { file, name, size, contentType, sha256 }, signal, {
            hashing: () => dispatch({ type: 'hashing', key }),
            hashed: (sha256) => dispatch({ type: 'hashed', key, sha256 }),
            granted: (uploadID) => dispatch({ type: 'granted', key, uploadID }),
            progress: (sent) => dispatch({ type: 'progress', key, sent }),
          });
          dispatch({ type: 'done', key });
        } catch (err) {
          if (!signal.aborted) dispatch({ type: 'failed', key, error: uploadError(err) });
        } finally {
          if (running.current.get(key) === control) running.current.delete(key);
          setFinished((n) => n + 1);
        }
      })();
    },
    [api],
  );

  // Starts queued files while fewer than PARALLEL_UPLOADS run.
  useEffect(() => {
    for (const upload of uploads) {
      if (running.current.size >= PARALLEL_UPLOADS) break;
      if (upload.status === 'queued' && !running.current.has(upload.key)) start(upload);
    }
  }, [uploads, finished, start]);

  // Closing the composer (another channel, the thread closed) stops its uploads.
  useEffect(() => {
    const all = { files: files.current, running: running.current, previews: previews.current };
    return () => {
      for (const control of all.running.values()) control.abort();
      for (const url of all.previews.values()) URL.revokeObjectURL(url);
      all.running.clear();
      all.previews.clear();
      all.files.clear();
    };
  }, []);

  const add = useCallback(
    (chosen: readonly File[]) => {
      const refusals: string[] = [];
      const fitting = chosen.filter((file) => {
        const refusal = fileRefusal(file, limits);
        if (refusal) refusals.push(refusal);
        return !refusal;
      });
      const { taken, note } = fitToMessage(latest.current.length, fitting);
      if (note) refusals.push(note);
      setNotice(refusals.length > 0 ? refusals.join(' ') : null);
      if (taken.length === 0) return;
      const added = taken.map((file): NewUpload => {
        const key = `upload-${++nextKey}`;
        files.current.set(key, file);
        let previewUrl: string | null = null;
        if (isShownImageType(file.type)) {
          previewUrl = URL.createObjectURL(file);
          previews.current.set(key, previewUrl);
        }
        return { key, name: file.name, size: file.size, contentType: file.type, previewUrl };
      });
      dispatch({ type: 'added', uploads: added });
    },
    [limits],
  );

  const remove = useCallback(
    (key: string) => {
      forget(key);
      dispatch({ type: 'removed', key });
    },
    [forget],
  );

  const retry = useCallback((key: string) => dispatch({ type: 'retry', key }), []);

  const sent = useCallback(
    (keys: readonly string[]) => {
      for (const key of keys) forget(key);
      dispatch({ type: 'sent', keys });
      setNotice(null);
    },
    [forget],
  );

  const dismissNotice = useCallback(() => setNotice(null), []);
  const summary = useMemo(() => summarize(uploads), [uploads]);

  return { uploads, summary, add, remove, retry, sent, notice, dismissNotice };
}
