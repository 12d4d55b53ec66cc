import { describe, expect, it } from 'vitest';
import { AVATAR_PALETTE, avatarColor } from './avatarColor';

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Ids shaped like the server's (ULIDs: 26 Crockford base-32 characters). */
function ulids(count: number): string[] {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let seed = 42;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 16;
  };
  return Array.from({ length: count }, () =>
    // The same millisecond for all: only the random part tells them apart.
    '01JD5Z8X4M' + Array.from({ length: 16 }, () => alphabet[next() % 32]).join(''),
  );
}

describe('avatarColor', () => {
  it('gives white letters at least 4.5:1 on every colour of the palette', () => {
    expect(AVATAR_PALETTE).toHaveLength(12);
    for (const colour of AVATAR_PALETTE) expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('has twelve different colours', () => {
    expect(new Set(AVATAR_PALETTE).size).toBe(AVATAR_PALETTE.length);
  });

  it('is stable: the same id always gets the same colour', () => {
    const id = '01JD5Z8X4MABCDEFGHJKMNPQRS';
    expect(avatarColor(id)).toBe(avatarColor(id));
    expect(AVATAR_PALETTE).toContain(avatarColor(id));
  });

  it('spreads ids over the whole palette, none much more often than another', () => {
    const counts = new Map<string, number>();
    const ids = ulids(1200);
    for (const id of ids) {
      const colour = avatarColor(id);
      counts.set(colour, (counts.get(colour) ?? 0) + 1);
    }
    expect(counts.size).toBe(AVATAR_PALETTE.length);
    // 100 each on average; a fair hash stays well inside 50..150.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(50);
      expect(n).toBeLessThan(150);
    }
  });

  it('tells apart ids that differ only in their last character', () => {
    const base = '01JD5Z8X4MABCDEFGHJKMNPQR';
    const colours = new Set('0123456789AB'.split('').map((c) => avatarColor(base + c)));
    expect(colours.size).toBeGreaterThan(6);
  });
});
