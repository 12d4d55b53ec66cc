/**
 * The tiles of people without a picture: a colour picked from their user id, so it stays the
 * same everywhere and on every device, and authors side by side are told apart. White letters
 * on each of these colours reach WCAG AA (4.5:1) in both themes (the tile is its own
 * background); avatarColor.test.ts checks it.
 */
export const AVATAR_PALETTE = [
  '#c62828', // red
  '#ad1457', // pink
  '#8e24aa', // purple
  '#5e35b1', // deep purple
  '#3949ab', // indigo
  '#1565c0', // blue
  '#007a87', // cyan
  '#2e7d32', // green
  '#4e6a00', // olive
  '#9a4d00', // brown
  '#bf360c', // deep orange
  '#546e7a', // blue grey
] as const;

/** FNV-1a over the id's UTF-16 units: cheap, stable, and spreads ids that differ at the end. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The tile colour of the person with this id. */
export function avatarColor(userId: string): string {
  return AVATAR_PALETTE[hash(userId) % AVATAR_PALETTE.length] ?? AVATAR_PALETTE[0];
}
