import { describe, expect, it } from 'vitest';
import { messageBody } from './Composer';

describe('messageBody', () => {
  it('drops trailing whitespace and leading blank lines but keeps indentation', () => {
    expect(messageBody('\n\n  indented\nnext  \n\n')).toBe('  indented\nnext');
  });

  it('leaves nothing of a message that is only whitespace', () => {
    expect(messageBody(' \n\t \n ')).toBe('');
  });
});
