import { describe, expect, it } from 'vitest';
import { plainText } from './plain';

describe('plainText', () => {
  it('drops the marks and keeps the words on one line', () => {
    expect(plainText('reply **one** and _two_ ~~three~~ `4`')).toBe('reply one and two three 4');
    expect(plainText('> quoted\n- a\n- b\n```\ncode <b>\n```')).toBe('quoted a b code <b>');
    expect(plainText('[the docs](https://example.com) for @ann and ~general')).toBe('the docs for @ann and ~general');
  });

  it('keeps what is not Markdown as typed, HTML included', () => {
    expect(plainText('2 * 3 * 4 <script>x</script>')).toBe('2 * 3 * 4 <script>x</script>');
    expect(plainText('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
  });
});
