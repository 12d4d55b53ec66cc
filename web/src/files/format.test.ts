import { describe, expect, it } from 'vitest';
import { extensionBadge, fileExtension, fitBox, formatBytes, isShownImageType } from './format';

describe('formatBytes', () => {
  it('counts bytes below a kilobyte as they are', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('gives one decimal under ten and none above', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 + 300)).toBe('10 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(2.25 * 1024 ** 3)).toBe('2.3 GB');
  });

  it('moves to the next unit rather than say 1024 of one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatBytes(1024 ** 3 - 10)).toBe('1 GB');
  });

  it('says 0 B for what is not a size', () => {
    expect(formatBytes(Number.NaN)).toBe('0 B');
    expect(formatBytes(-5)).toBe('0 B');
  });
});

describe('fileExtension and extensionBadge', () => {
  it('reads the last extension in lower case', () => {
    expect(fileExtension('Report.Final.PDF')).toBe('pdf');
    expect(extensionBadge('Report.Final.PDF')).toBe('PDF');
    expect(extensionBadge('sheet.xlsx')).toBe('XLSX');
  });

  it('finds none in names without one', () => {
    expect(fileExtension('README')).toBe('');
    expect(fileExtension('.bashrc')).toBe('');
    expect(fileExtension('trailing.')).toBe('');
    expect(extensionBadge('README')).toBe('FILE');
    expect(extensionBadge('archive.verylong')).toBe('FILE');
  });
});

describe('isShownImageType', () => {
  it('is true for the four types shown inline only', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'IMAGE/PNG']) {
      expect(isShownImageType(type)).toBe(true);
    }
    for (const type of ['image/svg+xml', 'image/heic', 'application/pdf', '']) expect(isShownImageType(type)).toBe(false);
  });
});

describe('fitBox', () => {
  it('shrinks a wide image to the width and a tall one to the height, keeping its shape', () => {
    expect(fitBox(1920, 1080)).toEqual({ width: 360, height: 203 });
    expect(fitBox(1080, 1920)).toEqual({ width: 135, height: 240 });
    expect(fitBox(800, 600)).toEqual({ width: 320, height: 240 });
  });

  it('never enlarges a small image', () => {
    expect(fitBox(64, 48)).toEqual({ width: 64, height: 48 });
  });

  it('keeps a sliver at least one pixel thick', () => {
    expect(fitBox(10000, 2)).toEqual({ width: 360, height: 1 });
  });

  it('falls back to the whole box when the size is unknown', () => {
    expect(fitBox(0, 0)).toEqual({ width: 360, height: 240 });
  });
});
