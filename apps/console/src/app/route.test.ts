import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('console routes', () => {
  it('round-trips pages and an open conversation through the hash', () => {
    expect(parseRoute('')).toEqual({ page: 'inbox', conversationId: undefined });
    expect(parseRoute('#/inbox/c/abc_1')).toEqual({ page: 'inbox', conversationId: 'abc_1' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings' });
    expect(parseRoute('#/settings/faq')).toEqual({ page: 'settings', section: 'faq' });
    expect(parseRoute('#/settings/bogus')).toEqual({ page: 'settings' });
    expect(routeHash({ page: 'settings', section: 'mail' })).toBe('#/settings/mail');
    expect(parseRoute('#/nonsense')).toEqual({ page: 'inbox', conversationId: undefined });
    expect(routeHash({ page: 'inbox', conversationId: 'a/b' })).toBe('#/inbox/c/a%2Fb');
    expect(parseRoute(routeHash({ page: 'inbox', conversationId: 'a/b' }))).toEqual({ page: 'inbox', conversationId: 'a/b' });
  });
});
