import { describe, expect, it } from 'vitest';
import type { Membership, Notification, NotificationSettings } from '../api/types.generated';
import { membership } from '../sidebar/testData';
import { delivery, notificationTitle, placeSettings, type Attention } from './notify';

const notification = (extra: Partial<Notification> = {}): Notification => ({
  kind: 'mention',
  parentID: 'general',
  parentType: 'channel',
  messageID: 'm1',
  threadRootID: null,
  authorID: 'ann',
  excerpt: 'hi',
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const settings = (extra: Partial<NotificationSettings> = {}): NotificationSettings => ({
  level: 'all',
  desktop: true,
  sound: false,
  ...extra,
});
const looking = (extra: Partial<Attention> = {}): Attention => ({
  visible: true,
  openParentID: 'general',
  openThreadID: null,
  ...extra,
});

describe('notification delivery', () => {
  it('stays quiet while the reader looks right at it', () => {
    expect(delivery(notification(), settings(), looking(), 'granted')).toEqual({ toast: false, desktop: false, sound: false });
  });

  it('toasts and notifies the desktop when another conversation is open or the tab is hidden', () => {
    expect(delivery(notification(), settings(), looking({ openParentID: 'random' }), 'granted')).toEqual({
      toast: true,
      desktop: true,
      sound: false,
    });
    expect(delivery(notification(), settings({ sound: true }), looking({ visible: false }), 'granted')).toEqual({
      toast: true,
      desktop: true,
      sound: true,
    });
  });

  it('needs both the setting and the browser’s permission for the desktop', () => {
    const away = looking({ visible: false });
    expect(delivery(notification(), settings({ desktop: false }), away, 'granted').desktop).toBe(false);
    expect(delivery(notification(), settings(), away, 'default').desktop).toBe(false);
    expect(delivery(notification(), settings(), away, 'unsupported').desktop).toBe(false);
  });

  it('counts a thread reply as seen only with its thread open', () => {
    const reply = notification({ kind: 'thread_reply', threadRootID: 'r1' });
    expect(delivery(reply, settings(), looking(), 'granted').toast).toBe(true);
    expect(delivery(reply, settings(), looking({ openThreadID: 'r1' }), 'granted').toast).toBe(false);
  });

  it('follows the level', () => {
    const away = looking({ openParentID: null });
    expect(delivery(notification(), settings({ level: 'nothing' }), away, 'granted').toast).toBe(false);
    const mentionsOnly = settings({ level: 'mentions' });
    expect(delivery(notification(), mentionsOnly, away, 'granted').toast).toBe(true);
    // Direct and group messages still come through; thread replies do not.
    expect(delivery(notification({ kind: 'message', parentType: 'conversation' }), mentionsOnly, away, 'granted').toast).toBe(true);
    expect(delivery(notification({ kind: 'thread_reply', threadRootID: 'r' }), mentionsOnly, away, 'granted').toast).toBe(false);
  });
});

describe('notification titles', () => {
  it('say who and where', () => {
    expect(notificationTitle('mention', 'Ann', '#general')).toBe('Ann mentioned you in #general');
    expect(notificationTitle('thread_reply', 'Ann', '#general')).toBe('Ann replied to a thread in #general');
    expect(notificationTitle('message', 'Ann', '#general')).toBe('Ann in #general');
    expect(notificationTitle('message', 'Ann', 'Ann')).toBe('Ann wrote to you');
  });
});

describe('a place\'s own level', () => {
  it('overrides the reader\'s own both ways, and null follows it', () => {
    const place = (notifyLevel: Membership['notifyLevel']) => membership('general', { notifyLevel });
    const quiet = placeSettings(settings({ level: 'all' }), place('nothing'));
    expect(delivery(notification(), quiet, looking({ openParentID: null }), 'granted').toast).toBe(false);
    const loud = placeSettings(settings({ level: 'nothing' }), place('mentions'));
    expect(delivery(notification(), loud, looking({ openParentID: null }), 'granted').toast).toBe(true);
    expect(placeSettings(settings({ level: 'mentions' }), place(null)).level).toBe('mentions');
    expect(placeSettings(settings({ level: 'mentions' }), null).level).toBe('mentions');
  });
});
