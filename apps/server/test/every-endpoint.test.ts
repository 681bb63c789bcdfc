/**
 * Access rules over every route the app registers, not a hand-picked list: a new console endpoint is
 * covered the moment it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';

const fill = (url: string) => url.replace(/:[A-Za-z]+/g, 'x1');

describe('every endpoint', () => {
  let server: TestServer;
  beforeAll(async () => (server = await TestServer.start()));
  afterAll(async () => server.stop());

  const consoleRoutes = () =>
    server.app.routeList.filter((route) => route.url.startsWith('/api/v1/console') && route.method !== 'HEAD' && route.method !== 'OPTIONS');

  it('covers the console API (sanity: the list is not empty)', () => {
    expect(consoleRoutes().length).toBeGreaterThan(25);
  });

  it('answers every console endpoint without a session with 401 session_required', async () => {
    for (const route of consoleRoutes()) {
      const response = await server.request(route.method, fill(route.url), route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      expect(`${route.method} ${route.url} → ${response.status} ${response.body?.error?.code}`).toBe(`${route.method} ${route.url} → 401 session_required`);
    }
  });

  it('refuses every state-changing console call from a foreign origin, even with a session', async () => {
    const { cookie } = await server.newAgent({ role: 'admin' });
    for (const route of consoleRoutes().filter((r) => r.method !== 'GET')) {
      const response = await server.request(route.method, fill(route.url), route.method === 'DELETE' ? undefined : {}, { cookie, origin: 'https://evil.example' });
      expect(`${route.method} ${route.url} → ${response.status} ${response.body?.error?.code}`).toBe(`${route.method} ${route.url} → 403 origin_not_allowed`);
    }
  });

  it('never answers an agent (not admin) with a 5xx, and keeps admin settings from them', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    for (const route of consoleRoutes()) {
      const response = await server.request(route.method, fill(route.url), route.method === 'GET' || route.method === 'DELETE' ? undefined : {}, { cookie });
      expect(response.status, `${route.method} ${route.url}`).toBeLessThan(500);
    }
    for (const url of ['/api/v1/console/fallback-settings', '/api/v1/console/identity', '/api/v1/console/privacy', '/api/v1/console/mail', '/api/v1/console/settings']) {
      expect((await server.request('GET', url, undefined, { cookie })).status, url).toBe(403);
    }
  });

  it('serves the console with strict security headers', async () => {
    const response = await fetch(`${server.origin}/console/`);
    expect(response.status, 'build the console first (npm test does)').toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
