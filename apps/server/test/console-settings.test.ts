import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleStatic } from '../src/console/console-static';
import { TestServer } from './support/test-server';
import { tempDir } from './support/temp-dir';

describe('canned responses, site settings and preferences', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('lets admins create, edit and delete canned responses that every agent can list', async () => {
    const admin = await server.newAgent({ role: 'admin' });
    const agent = await server.newAgent({ role: 'agent' });
    const created = await server.request('POST', '/api/v1/console/canned-responses',
      { shortcut: 'Ship', title: 'Shipping times', body: 'Hi {{visitor.name}}, we ship in 2 days.' }, { cookie: admin.cookie });
    expect(created).toMatchObject({ status: 201, body: { shortcut: 'ship', title: 'Shipping times' } });
    const clash = await server.request('POST', '/api/v1/console/canned-responses',
      { shortcut: 'ship', title: 'Again', body: 'x' }, { cookie: admin.cookie });
    expect(clash.body.error.code).toBe('shortcut_taken');
    const bad = await server.request('POST', '/api/v1/console/canned-responses', { shortcut: 'no spaces', title: 'x', body: 'x' }, { cookie: admin.cookie });
    expect(bad.body.error.code).toBe('invalid_body');

    const edited = await server.request('PUT', `/api/v1/console/canned-responses/${created.body.id}`,
      { shortcut: 'ship', title: 'Shipping', body: 'We ship in 1 day.' }, { cookie: admin.cookie });
    expect(edited.body).toMatchObject({ title: 'Shipping', body: 'We ship in 1 day.' });
    const listed = await server.request('GET', '/api/v1/console/canned-responses', undefined, { cookie: agent.cookie });
    expect(listed.body.cannedResponses.map((c: any) => [c.shortcut, c.body])).toEqual([['ship', 'We ship in 1 day.']]);

    expect((await server.request('DELETE', `/api/v1/console/canned-responses/${created.body.id}`, undefined, { cookie: admin.cookie })).status).toBe(204);
    expect((await server.request('DELETE', `/api/v1/console/canned-responses/${created.body.id}`, undefined, { cookie: admin.cookie })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/console/canned-responses', undefined, { cookie: agent.cookie })).body.cannedResponses).toEqual([]);
  });

  it('lets admins change the site look and allowed origins, which the widget then gets', async () => {
    const admin = await server.newAgent({ role: 'admin' });
    const current = await server.request('GET', '/api/v1/console/settings', undefined, { cookie: admin.cookie });
    expect(current.body).toMatchObject({ siteKey: server.siteKey, publicUrl: 'http://parley.test', allowedOrigins: [] });
    const settings = { ...current.body.settings, name: 'Boot Barn', brandColor: '#aa3300', greeting: 'Howdy!', position: 'left' };
    const saved = await server.request('PUT', '/api/v1/console/settings',
      { settings, allowedOrigins: ['https://shop.example/', 'https://shop.example'] }, { cookie: admin.cookie });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ settings: { name: 'Boot Barn', brandColor: '#aa3300', position: 'left' }, allowedOrigins: ['https://shop.example'] });
    const invalid = await server.request('PUT', '/api/v1/console/settings',
      { settings: { ...settings, brandColor: 'red' }, allowedOrigins: ['javascript:alert(1)'] }, { cookie: admin.cookie });
    expect(invalid.body.error.code).toBe('invalid_body');
    const publicSettings = await server.request('GET', `/api/v1/sites/${server.siteKey}/settings`, undefined, { origin: 'https://shop.example' });
    expect(publicSettings.body).toMatchObject({ name: 'Boot Barn', greeting: 'Howdy!', position: 'left' });
  });

  it('keeps notification preferences per agent', async () => {
    const ana = await server.newAgent({ name: 'Ana' });
    const bo = await server.newAgent({ name: 'Bo' });
    expect((await server.request('GET', '/api/v1/console/preferences', undefined, { cookie: ana.cookie })).body).toEqual({
      desktopNotifications: true, sound: true, unreadInTitle: true,
    });
    await server.request('PUT', '/api/v1/console/preferences', { desktopNotifications: false, sound: false, unreadInTitle: true }, { cookie: ana.cookie });
    expect((await server.request('GET', '/api/v1/console/preferences', undefined, { cookie: ana.cookie })).body.sound).toBe(false);
    expect((await server.request('GET', '/api/v1/console/preferences', undefined, { cookie: bo.cookie })).body.sound).toBe(true);
  });
});

describe('serving the console', () => {
  const app = async (distDir: string) => {
    const instance = Fastify();
    await instance.register(consoleStatic, { distDir });
    return instance;
  };

  it('serves index.html for console routes and the hashed assets, with 404 for missing files', async () => {
    const dist = tempDir('console-dist');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Parley console</title>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    const instance = await app(dist);
    expect((await instance.inject('/console')).headers.location).toBe('/console/');
    const index = await instance.inject('/console/');
    expect(index.body).toContain('Parley console');
    const deep = await instance.inject('/console/conversations/abc');
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('Parley console');
    expect(deep.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(deep.headers['cache-control']).toBe('no-cache');
    const asset = await instance.inject('/console/assets/app-1234.js');
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await instance.inject('/console/assets/missing.js')).statusCode).toBe(404);
  });

  it('says the console is not built when dist is missing', async () => {
    const empty = tempDir('console-empty');
    const instance = await app(empty);
    const response = await instance.inject('/console/');
    expect(response.statusCode).toBe(503);
    expect(response.body).toMatch(/console is not built/);
  });
});
