// How files are named and sized on screen.

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * A size people read at a glance: `512 B`, `1.5 KB`, `23 MB` (powers of 1024, as the server's
 * limits are worded; one decimal under 10).
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit: (typeof UNITS)[number] = 'KB';
  for (const next of UNITS) {
    value /= 1024;
    unit = next;
    if (value < 1024) break;
  }
  // 1023.96 KB would round to "1024 KB": say 1 MB instead.
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1024 && unit !== 'TB') return `1 ${UNITS[UNITS.indexOf(unit) + 1]}`;
  return `${rounded} ${unit}`;
}

/**
 * The lower-case extension without the dot (`Report.PDF` gives `pdf`), or empty when the name
 * has none (`README`, `.bashrc`), as the server reads names.
 */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

/** The short label on a file's icon: its extension in capitals (at most 4 letters), or FILE. */
export function extensionBadge(name: string): string {
  const ext = fileExtension(name);
  return ext && ext.length <= 4 ? ext.toUpperCase() : 'FILE';
}

/** Image types the browser shows before upload (a preview chip) and the app shows inline. */
const SHOWN_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isShownImageType(contentType: string): boolean {
  return SHOWN_IMAGE_TYPES.has(contentType.toLowerCase());
}

/** The largest an image shows in a message, before it is opened. */
export const THUMB_MAX = { width: 360, height: 240 } as const;

/**
 * The box an image of `width`×`height` shows in: as large as fits in `max` keeping its shape,
 * never enlarged, whole pixels, at least 1×1. Known before the image loads, so nothing moves.
 */
export function fitBox(
  width: number,
  height: number,
  max: { width: number; height: number } = THUMB_MAX,
): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: max.width, height: max.height };
  const scale = Math.min(1, max.width / width, max.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
