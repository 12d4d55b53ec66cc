import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/errors';
import type { FileHit } from '../api/types.generated';
import { useServices } from '../core/services';
import { downloadFile } from '../files/download';
import { FileBadge } from '../files/FileBadge';
import { formatBytes } from '../files/format';
import { formatFullTime, formatMessageTime } from '../messages/formatTime';
import { messageHref } from '../messages/links';
import { useUserNames } from '../users/useUsers';
import { searchFiles } from './api';
import { Highlighted } from './Highlighted';
import { filterChips } from './query';
import { ResultStatus } from './ResultStatus';
import type { Place } from './place';
import { usePlaces } from './usePlaces';
import { useResults } from './useResults';

const fileId = (hit: FileHit) => hit.file.id;

/** The Files tab: names with the matched words marked, where and by whom, download and jump. */
export function FileResults({ q }: { q: string }) {
  const { api } = useServices();
  const fetchPage = useCallback((cursor: string | null) => searchFiles(api, q, cursor), [api, q]);
  const { state, setEndVisible, retry } = useResults(q, fetchPage, fileId);
  const nameOf = useUserNames(state.items.map((hit) => hit.authorID));
  const placeOf = usePlaces();
  return (
    <>
      {state.items.length > 0 && (
        <ul className="search-results" aria-label="Files" data-testid="search-results">
          {state.items.map((hit) => (
            <FileRow key={hit.file.id} hit={hit} author={nameOf(hit.authorID)} place={placeOf(hit.parentType, hit.parentID)} />
          ))}
        </ul>
      )}
      <ResultStatus
        state={state}
        retry={retry}
        setEndVisible={setEndVisible}
        empty={
          <>
            <p>
              No files match <strong>{q}</strong>.
            </p>
            <p className="muted">{filterChips(q).length > 0 ? 'Try removing a filter.' : 'File names are searched by their words.'}</p>
          </>
        }
      />
    </>
  );
}

function FileRow({ hit, author, place }: { hit: FileHit; author: string; place: Place }) {
  const { files } = useServices();
  const [error, setError] = useState<string | null>(null);
  const download = () => {
    setError(null);
    downloadFile(files, { type: hit.parentType, id: hit.parentID }, hit.file.id).catch((err: unknown) => setError(errorMessage(err)));
  };
  return (
    <li className="search-result search-file" data-testid="search-file" data-file-id={hit.file.id} data-name={hit.file.name}>
      <FileBadge name={hit.file.name} />
      <div className="search-result-text">
        <span className="search-file-name" title={hit.file.name} data-testid="search-file-name">
          <Highlighted segments={hit.name} />
        </span>
        <span className="search-result-meta">
          <span className="search-result-place">{place.label}</span>
          <span>{formatBytes(hit.file.size)}</span>
          <span>{author}</span>
          <time className="search-result-time" dateTime={hit.createdAt} title={formatFullTime(hit.createdAt)}>
            {formatMessageTime(hit.createdAt)}
          </time>
        </span>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
      </div>
      <span className="search-file-actions">
        <button type="button" className="button" data-testid="search-file-download" onClick={download}>
          Download
        </button>
        <Link className="button" to={messageHref(place.href, hit.messageID, hit.threadRootID)} data-testid="search-file-jump">
          Open
        </Link>
      </span>
    </li>
  );
}
