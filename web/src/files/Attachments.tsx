import { Download } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Attachment } from '../api/types.generated';
import { useServices } from '../core/services';
import { downloadFile } from './download';
import { FileBadge } from './FileBadge';
import { fitBox, formatBytes } from './format';
import { Lightbox } from '../lazy/parts';
import { useFileUrl } from './useFileUrl';

/**
 * A message's files under its body: images as thumbnails in boxes sized before they load (a
 * click or Enter opens them in the lightbox), other files as chips to download.
 */
export function Attachments({ parent, attachments }: { parent: ParentRef; attachments: Attachment[] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => a.image);
  const others = attachments.filter((a) => !a.image);
  return (
    <div className="attachments" data-testid="attachments">
      {images.length > 0 && (
        <div className="attachment-images">
          {images.map((file, i) => (
            <ImageThumb key={file.id} parent={parent} file={file} onOpen={() => setOpen(i)} />
          ))}
        </div>
      )}
      {others.length > 0 && (
        <ul className="attachment-files">
          {others.map((file) => (
            <FileChip key={file.id} parent={parent} file={file} />
          ))}
        </ul>
      )}
      {open !== null && (
        <Lightbox parent={parent} images={images} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}

type ImageThumbProps = { parent: ParentRef; file: Attachment; onOpen: () => void; max?: { width: number; height: number } };

/**
 * An image in a message. An animated one shows as itself (its thumbnail is its first frame);
 * the others show their thumbnail.
 */
export function ImageThumb({ parent, file, onOpen, max }: ImageThumbProps) {
  const image = file.image;
  const { url, failed, onError } = useFileUrl(parent, file.id, image?.animated ? 'preview' : 'thumbnail');
  const box = fitBox(image?.width ?? 0, image?.height ?? 0, max);
  return (
    <button
      type="button"
      className="attachment-image"
      data-testid="attachment-image"
      data-file-id={file.id}
      aria-label={`View ${file.name}`}
      title={file.name}
      // The box is known before the image loads: a width and a shape, shrinking on narrow screens.
      style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
      onClick={onOpen}
    >
      {failed ? (
        <span className="attachment-image-missing">Image unavailable</span>
      ) : (
        url && <img src={url} alt={file.name} width={box.width} height={box.height} onError={onError} draggable={false} />
      )}
    </button>
  );
}

/** A file that is not shown inline: its icon, name and size, and a download button. */
function FileChip({ parent, file }: { parent: ParentRef; file: Attachment }) {
  const { files } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = () => {
    setError(null);
    setBusy(true);
    downloadFile(files, parent, file.id)
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };
  return (
    <li className="file-chip" data-testid="attachment-file" data-file-id={file.id}>
      <FileBadge name={file.name} />
      <span className="file-chip-text">
        <span className="file-chip-name" title={file.name}>
          {file.name}
        </span>
        <span className="file-chip-size">{error ? <span className="error-text">{error}</span> : formatBytes(file.size)}</span>
      </span>
      <button
        type="button"
        className="file-chip-download"
        data-testid="attachment-download"
        aria-label={`Download ${file.name}`}
        title="Download"
        disabled={busy}
        onClick={download}
      >
        <Download size={18} aria-hidden="true" />
      </button>
    </li>
  );
}
