import { afterEach, describe, expect, it } from 'vitest';
import { Notifier } from './notifier';

describe('tab title', () => {
  afterEach(() => (document.title = ''));

  it('carries the unread count unless the agent muted it', () => {
    const notifier = new Notifier();
    notifier.setUnread(3);
    expect(document.title).toBe('(3) Parley');
    notifier.setUnread(0);
    expect(document.title).toBe('Parley');
    notifier.preferences = { ...notifier.preferences, unreadInTitle: false };
    notifier.setUnread(5);
    expect(document.title).toBe('Parley');
  });
});
