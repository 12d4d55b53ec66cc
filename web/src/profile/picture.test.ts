import { describe, expect, it } from 'vitest';
import { pictureProgress, pictureRefusal } from './picture';

const limits = { maxUploadBytes: 1024 * 1024, allowedFileTypes: ['png', 'jpg', 'jpeg', 'pdf'] };

describe('pictureRefusal', () => {
  it('takes an image the workspace allows', () => {
    expect(pictureRefusal({ name: 'me.png', size: 2048, type: 'image/png' }, limits)).toBeNull();
    expect(pictureRefusal({ name: 'me.JPG', size: 2048, type: 'image/jpeg' }, limits)).toBeNull();
  });

  it('refuses what is not an image shown inline, by name', () => {
    expect(pictureRefusal({ name: 'cv.pdf', size: 2048, type: 'application/pdf' }, limits)).toBe(
      'cv.pdf is not a picture: pick a PNG, JPEG, GIF or WebP image.',
    );
    expect(pictureRefusal({ name: 'logo.svg', size: 2048, type: 'image/svg+xml' }, limits)).toMatch(/not a picture/);
  });

  it('holds pictures to the workspace limits like any file', () => {
    expect(pictureRefusal({ name: 'big.png', size: 2 * 1024 * 1024, type: 'image/png' }, limits)).toBe(
      'big.png is 2 MB; files can be at most 1 MB here.',
    );
    expect(pictureRefusal({ name: 'me.webp', size: 2048, type: 'image/webp' }, limits)).toMatch(/does not take \.webp/);
  });
});

describe('pictureProgress', () => {
  it('counts up, then says it is being saved', () => {
    expect(pictureProgress(0, 200)).toBe('Uploading picture… 0%');
    expect(pictureProgress(199, 200)).toBe('Uploading picture… 99%');
    expect(pictureProgress(200, 200)).toBe('Saving picture…');
  });
});
