import { describe, expect, it } from 'vitest';
import { messageBody, pastedFiles } from './Composer';

describe('messageBody', () => {
  it('drops trailing whitespace and leading blank lines but keeps indentation', () => {
    expect(messageBody('\n\n  indented\nnext  \n\n')).toBe('  indented\nnext');
  });

  it('leaves nothing of a message that is only whitespace', () => {
    expect(messageBody(' \n\t \n ')).toBe('');
  });
});

describe('pastedFiles', () => {
  const png = { name: 'image.png' } as File;

  it('takes the files of a pasted screenshot', () => {
    expect(pastedFiles({ types: ['Files'], files: [png] as unknown as FileList })).toEqual([png]);
  });

  it('leaves a paste with text to the text box (cells copied with a picture of them)', () => {
    expect(pastedFiles({ types: ['text/plain', 'text/html', 'Files'], files: [png] as unknown as FileList })).toEqual([]);
  });

  it('takes nothing from a paste of text only', () => {
    expect(pastedFiles({ types: ['text/plain'], files: [] as unknown as FileList })).toEqual([]);
  });
});
