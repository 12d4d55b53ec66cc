import { X } from 'lucide-react';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { errorMessage } from '../api/errors';
import type { ParentRef } from '../api/routes';
import type { Attachment } from '../api/types.generated';
import { useServices } from '../core/services';
import { downloadFile } from './download';
import { formatBytes } from './format';
import { useFileUrl } from './useFileUrl';

type LightboxProps = {
  parent: ParentRef;
  /** The images to go through (a message's, or the files pane's); each has `image` set. */
  images: Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
};

const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * An image over the whole window: its name, a download button, and the previous and next image
 * (buttons, or ArrowLeft and ArrowRight). Escape closes it and focus goes back to what opened it;
 * Tab stays inside while it is open.
 */
export function Lightbox({ parent, images, index, onIndex, onClose }: LightboxProps) {
  const { files } = useServices();
  const dialog = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  const count = images.length;
  const file = images[index] ?? images[0];

  // Focus moves in on opening, stays in while open (nothing behind takes it), and goes back to
  // the opener on closing, once this no longer holds it: in a layout effect, so that focus moves
  // with the commit (ui/focusTrap.ts says why).
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    const onFocus = (e: FocusEvent) => {
      const el = dialog.current;
      if (el && e.target instanceof Node && !el.contains(e.target)) closeButton.current?.focus();
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('focusin', onFocus);
      opener?.focus();
    };
  }, []);

  if (!file) return null;
  const go = (step: number) => {
    setError(null);
    onIndex((index + step + count) % count);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'ArrowLeft' && count > 1) {
      e.preventDefault();
      go(-1);
    } else if (e.key === 'ArrowRight' && count > 1) {
      e.preventDefault();
      go(1);
    } else if (e.key === 'Tab') {
      const focusable = Array.from(dialog.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const download = () => {
    setError(null);
    downloadFile(files, parent, file.id).catch((err: unknown) => setError(errorMessage(err)));
  };

  return createPortal(
    <div
      className="lightbox"
      ref={dialog}
      role="dialog"
      aria-modal="true"
      aria-label={count > 1 ? `${file.name}, image ${index + 1} of ${count}` : file.name}
      data-testid="lightbox"
      onKeyDown={onKeyDown}
    >
      <div className="lightbox-bar">
        <span className="lightbox-title">
          <span className="lightbox-name" data-testid="lightbox-name" title={file.name}>
            {file.name}
          </span>
          <span className="lightbox-meta">
            {formatBytes(file.size)}
            {count > 1 && ` · ${index + 1} of ${count}`}
          </span>
        </span>
        {error && (
          <span className="lightbox-error" role="alert">
            {error}
          </span>
        )}
        <button type="button" className="button lightbox-button" data-testid="lightbox-download" onClick={download}>
          Download
        </button>
        <button
          type="button"
          ref={closeButton}
          className="button lightbox-button"
          data-testid="lightbox-close"
          aria-label="Close"
          title="Close (Esc)"
          onClick={onClose}
        >
          <X size={20} aria-hidden="true" />
        </button>
      </div>
      <div
        className="lightbox-stage"
        onMouseDown={(e) => {
          if (e.target === e.currentTarget) onClose();
        }}
      >
        {count > 1 && (
          <button
            type="button"
            className="lightbox-nav is-previous"
            data-testid="lightbox-previous"
            aria-label="Previous image"
            onClick={() => go(-1)}
          >
            ‹
          </button>
        )}
        <LightboxImage key={file.id} parent={parent} file={file} />
        {count > 1 && (
          <button
            type="button"
            className="lightbox-nav is-next"
            data-testid="lightbox-next"
            aria-label="Next image"
            onClick={() => go(1)}
          >
            ›
          </button>
        )}
      </div>
    </div>,
    document.body,
  );
}

/** The image itself, its box sized from what the server measured while it loads. */
function LightboxImage({ parent, file }: { parent: ParentRef; file: Attachment }) {
  const { url, failed, onError } = useFileUrl(parent, file.id, 'preview');
  const width = file.image?.width ?? 0;
  const height = file.image?.height ?? 0;
  if (failed) return <p className="lightbox-missing">This image could not be loaded.</p>;
  return (
    <img
      className="lightbox-image"
      data-testid="lightbox-image"
      src={url ?? undefined}
      alt={file.name}
      width={width || undefined}
      height={height || undefined}
      onError={onError}
    />
  );
}
