import { describe, expect, it } from 'vitest';
import { messageHref, messageUrl } from './links';

describe('message links', () => {
  it('point at the message, and at its thread for a reply', () => {
    expect(messageHref('/c/general', '01ABC')).toBe('/c/general?message=01ABC');
    expect(messageHref('/d/01X', '01R', '01ROOT')).toBe('/d/01X?message=01R&thread=01ROOT');
    expect(messageUrl('https://chat.example', '/c/team', 'm1')).toBe('https://chat.example/c/team?message=m1');
  });
});
