import { describe, expect, it } from 'vitest';
import { ATTACHMENTS_PER_MESSAGE_MAX } from '../limits';
import { allowsFileType, fileRefusal, fitToMessage, type UploadLimits } from './checks';

const limits: UploadLimits = { maxUploadBytes: 50 * 1024 * 1024, allowedFileTypes: ['png', 'pdf', 'txt'] };

describe('allowsFileType', () => {
  it('looks at the text after the last dot, in lower case, as the server does', () => {
    expect(allowsFileType('Scan.PDF', limits.allowedFileTypes)).toBe(true);
    expect(allowsFileType('archive.tar.txt', limits.allowedFileTypes)).toBe(true);
    expect(allowsFileType('run.exe', limits.allowedFileTypes)).toBe(false);
    expect(allowsFileType('pdf', limits.allowedFileTypes)).toBe(false);
    expect(allowsFileType('notes.pdf.exe', limits.allowedFileTypes)).toBe(false);
  });
});

describe('fileRefusal', () => {
  it('lets through a file within the limits', () => {
    expect(fileRefusal({ name: 'plan.pdf', size: 1000 }, limits)).toBeNull();
  });

  it('refuses a file over the workspace limit, naming both sizes', () => {
    expect(fileRefusal({ name: 'video.pdf', size: 51 * 1024 * 1024 }, limits)).toBe(
      'video.pdf is 51 MB; files can be at most 50 MB here.',
    );
    expect(fileRefusal({ name: 'exact.pdf', size: 50 * 1024 * 1024 }, limits)).toBeNull();
  });

  it('refuses a type the workspace does not take', () => {
    expect(fileRefusal({ name: 'setup.EXE', size: 10 }, limits)).toBe('setup.EXE: this workspace does not take .exe files.');
    expect(fileRefusal({ name: 'Makefile', size: 10 }, limits)).toMatch(/ends in an allowed type/);
  });

  it('refuses empty files and over-long names even before the settings are known', () => {
    expect(fileRefusal({ name: 'empty.txt', size: 0 }, null)).toBe('empty.txt is empty.');
    expect(fileRefusal({ name: `${'a'.repeat(300)}.txt`, size: 1 }, null)).toMatch(/longer than 255 characters/);
    expect(fileRefusal({ name: 'big.exe', size: 10 ** 12 }, null)).toBeNull();
  });
});

describe('fitToMessage', () => {
  it('takes everything while there is room', () => {
    expect(fitToMessage(2, ['a', 'b'])).toEqual({ taken: ['a', 'b'], note: null });
  });

  it(`stops at ${ATTACHMENTS_PER_MESSAGE_MAX} and says how many were left out`, () => {
    const added = Array.from({ length: 4 }, (_, i) => i);
    expect(fitToMessage(8, added)).toEqual({
      taken: [0, 1],
      note: 'A message can carry at most 10 files; 2 were left out.',
    });
    expect(fitToMessage(10, ['x']).note).toBe('A message can carry at most 10 files; 1 was left out.');
    expect(fitToMessage(10, ['x']).taken).toEqual([]);
  });
});
