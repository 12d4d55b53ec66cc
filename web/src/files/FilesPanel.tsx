import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Attachment, FileEntry } from '../api/types.generated';
import { useServices } from '../core/services';
import { formatFullTime, formatMessageTime } from '../messages/formatTime';
import { messageHref } from '../messages/links';
import { useRealtimeEvent, useRealtimeOpen } from '../realtime/hooks';
import { useUserNames } from '../users/useUsers';
import { ImageThumb } from './Attachments';
import { fetchFiles } from './api';
import { downloadFile } from './download';
import { FileBadge } from './FileBadge';
import { filesReducer, noFiles } from './filesPane';
import { formatBytes } from './format';
import { Lightbox } from '../lazy/parts';
import { PanelClose } from '../ui/PanelClose';

type FilesPanelProps = {
  parent: ParentRef;
  parentHref: string;
  onClose: () => void;
};

/** A row's picture in the pane: small, in its own shape, centred in a square. */
const ROW_THUMB = { width: 44, height: 44 };

/**
 * The files shared in a channel or conversation, newest first, a page at a time: download any,
 * open images in the lightbox, jump to the message. Kept live: files of new messages come in,
 * those of deleted ones go.
 */
export function FilesPanel({ parent, parentHref, onClose }: FilesPanelProps) {
  const { api } = useServices();
  const { type, id } = parent;
  const [state, dispatch] = useReducer(filesReducer, noFiles);
  const [loaded, setLoaded] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const nameOf = useUserNames(state.entries.map((e) => e.authorID));

  useEffect(() => {
    let cancelled = false;
    fetchFiles(api, { type, id }).then(
      (page) => {
        if (cancelled) return;
        dispatch({ type: 'first', page });
        setLoaded(true);
        setError(null);
      },
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, type, id, attempt]);

  // What was shared or deleted while the socket was down reached nobody here: read it again.
  useRealtimeOpen(() => setAttempt((n) => n + 1));

  useRealtimeEvent((event) => {
    if (event.type === 'message.new' && event.data.parentType === type && event.data.parentID === id) {
      dispatch({ type: 'message', message: event.data });
    } else if (event.type === 'message.deleted' && event.data.parentType === type && event.data.parentID === id) {
      dispatch({ type: 'deleted', messageId: event.data.id });
    }
  });

  const loadMore = useCallback(() => {
    if (!state.nextCursor || loadingMore) return;
    setLoadingMore(true);
    fetchFiles(api, { type, id }, state.nextCursor)
      .then((page) => dispatch({ type: 'more', page }))
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setLoadingMore(false));
  }, [api, type, id, state.nextCursor, loadingMore]);

  const images = useMemo(() => state.entries.map((e) => e.file).filter((f) => f.image), [state.entries]);
  const openImage = (file: Attachment) => setOpen(images.findIndex((i) => i.id === file.id));

  return (
    <aside className="side-panel files-panel" data-testid="files-panel" aria-label="Files">
      <header className="side-panel-header">
        <h2 className="side-panel-title">Files</h2>
        <PanelClose label="Close files" onClose={onClose} />
      </header>
      {error && <p className="error-text side-panel-note">{error}</p>}
      {!loaded && !error && <p className="muted side-panel-note">Loading…</p>}
      {loaded && state.entries.length === 0 && (
        <p className="muted side-panel-note" data-testid="files-empty">
          No files yet. Attach one with the paperclip, paste it, or drop it on the conversation.
        </p>
      )}
      {state.entries.length > 0 && (
        <ul className="files-list">
          {state.entries.map((entry) => (
            <FileRow
              key={entry.file.id}
              parent={parent}
              entry={entry}
              author={nameOf(entry.authorID)}
              href={messageHref(parentHref, entry.messageID, entry.threadRootID)}
              onView={() => openImage(entry.file)}
            />
          ))}
        </ul>
      )}
      {state.nextCursor && (
        <button type="button" className="button files-more" data-testid="files-load-more" disabled={loadingMore} onClick={loadMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
      {open !== null && open >= 0 && (
        <Lightbox parent={parent} images={images} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}
    </aside>
  );
}

type FileRowProps = {
  parent: ParentRef;
  entry: FileEntry;
  author: string;
  href: string;
  onView: () => void;
};

function FileRow({ parent, entry, author, href, onView }: FileRowProps) {
  const { files } = useServices();
  const [error, setError] = useState<string | null>(null);
  const { file } = entry;
  const download = () => {
    setError(null);
    downloadFile(files, parent, file.id).catch((err: unknown) => setError(errorMessage(err)));
  };
  return (
    <li className="file-row" data-testid="file-row" data-file-id={file.id} data-message-id={entry.messageID} data-name={file.name}>
      <span className="file-row-icon">
        {file.image ? <ImageThumb parent={parent} file={file} onOpen={onView} max={ROW_THUMB} /> : <FileBadge name={file.name} />}
      </span>
      <div className="file-row-text">
        <span className="file-row-name" title={file.name}>
          {file.name}
        </span>
        <span className="file-row-meta">
          {formatBytes(file.size)} · {author} ·{' '}
          <time dateTime={entry.createdAt} title={formatFullTime(entry.createdAt)}>
            {formatMessageTime(entry.createdAt)}
          </time>
        </span>
        <span className="file-row-actions">
          <button type="button" className="link-button" data-testid="file-download" onClick={download}>
            Download
          </button>
          <Link to={href} data-testid="file-jump">
            Jump to message
          </Link>
        </span>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
      </div>
    </li>
  );
}
