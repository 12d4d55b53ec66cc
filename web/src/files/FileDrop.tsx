import { useEffect, useRef, useState, type DragEvent } from 'react';

/** Whether a drag carries files (not text, a link, or a sidebar row). */
function carriesFiles(e: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export type FileDrop = {
  /** Files are being dragged over the area. */
  over: boolean;
  handlers: {
    onDragEnter: (e: DragEvent) => void;
    onDragOver: (e: DragEvent) => void;
    onDragLeave: (e: DragEvent) => void;
    onDrop: (e: DragEvent) => void;
  };
};

/**
 * Files dropped anywhere on an area (spread `handlers` on it). Drags that carry no files are
 * left alone. Entering and leaving its children fire their own events: a count tells when the
 * drag has really left.
 */
export function useFileDrop(onFiles: ((files: File[]) => void) | null): FileDrop {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const active = (e: DragEvent) => onFiles !== null && carriesFiles(e);

  // A file dropped beside the area (on the sidebar, the header) would make the browser open it
  // in place of the app: there it does nothing. Drops the area took are already handled.
  useEffect(() => {
    if (onFiles === null) return;
    const refuse = (e: globalThis.DragEvent) => {
      if (e.defaultPrevented || !carriesFiles(e)) return;
      e.preventDefault();
      if (e.type === 'dragover' && e.dataTransfer) e.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, [onFiles]);
  return {
    over: over && onFiles !== null,
    handlers: {
      onDragEnter: (e) => {
        if (!active(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      },
      onDragOver: (e) => {
        if (!active(e)) return;
        // Without this the browser would open the file in the tab.
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (e) => {
        if (!active(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      },
      onDrop: (e) => {
        if (!active(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length > 0) onFiles?.(files);
      },
    },
  };
}

/** Shown over the area while files are dragged over it. */
export function DropOverlay({ target }: { target: string }) {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        <strong>Drop files to share them</strong>
        <span>in {target}</span>
      </div>
    </div>
  );
}
