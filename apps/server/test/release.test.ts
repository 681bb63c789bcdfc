/**
 * The release folder, as a self-hoster gets it: built from the current sources into a temp folder outside
 * the workspace, installed with `npm install --omit=dev`, started with `node parley.mjs serve` on its own
 * port, and used over real HTTP and sockets — no workspace module is reachable from there.
 *
 * To stay fast and work without network access to GitHub (better-sqlite3's prebuilt binaries), the
 * workspace's already compiled `better-sqlite3` is copied into the folder before `npm install`, which then
 * only fetches its small JavaScript dependencies from the npm registry (or its cache).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from './support/test-socket';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const temp = mkdtempSync(join(tmpdir(), 'parley-release-'));
const folder = join(temp, 'parley');
const dataDir = join(temp, 'data');

function run(command: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd ?? root, input: options.input ?? '', env: options.env ?? process.env, encoding: 'utf8', timeout: options.timeout ?? 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, error: result.error };
}

/** Only what a service manager would pass: no workspace paths, no NODE_OPTIONS from the test runner. */
function releaseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, PARLEY_DATA_DIR: dataDir, PARLEY_DEMO: '0', ...extra };
}

function parley(args: string[], input = '') {
  return run(process.execPath, ['parley.mjs', ...args], { cwd: folder, input, env: releaseEnv({}) });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the release folder, installed on its own', () => {
  let server: ChildProcess;
  let output = '';
  let origin = '';
  let installSeconds = 0;

  beforeAll(async () => {
    const build = run(process.execPath, ['apps/server/build.mjs']);
    expect(build.code, build.stderr).toBe(0);
    const release = run(process.execPath, ['scripts/release.mjs', folder]);
    expect(release.code, release.stderr).toBe(0);

    const compiled = realpathSync(dirname(createRequire(join(root, 'apps/server/package.json')).resolve('better-sqlite3/package.json')));
    cpSync(compiled, join(folder, 'node_modules', 'better-sqlite3'), { recursive: true, dereference: true });
    const started = Date.now();
    const install = run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: folder, timeout: 80_000 });
    installSeconds = (Date.now() - started) / 1000;
    expect(install.code, `${install.stderr}${install.error ?? ''}`).toBe(0);

    const created = parley(['create-agent', '--admin', '--email', 'ana@boots.example', '--name', 'Ana'], 'release password\n');
    expect(created.code, created.stderr).toBe(0);

    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['parley.mjs', 'serve'], {
      cwd: folder,
      env: releaseEnv({ PORT: String(port), HOST: '127.0.0.1', PARLEY_PUBLIC_URL: origin, PARLEY_METRICS: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk) => (output += String(chunk)));
    server.stderr!.on('data', (chunk) => (output += String(chunk)));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ok = await fetch(`${origin}/healthz`).then((response) => response.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`parley serve did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 150_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(temp, { recursive: true, force: true });
  }, 20_000);

  it('holds one bundle, the assets, the migrations and one runtime dependency', () => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).toEqual(['better-sqlite3']);
    expect(manifest.type).toBe('module');
    for (const file of ['parley.mjs', 'widget/widget.js', 'console/index.html', 'drizzle/meta/_journal.json']) expect(existsSync(join(folder, file))).toBe(true);
    const installed = run('npm', ['ls', '--omit=dev', '--depth=0', '--json'], { cwd: folder });
    expect(Object.keys(JSON.parse(installed.stdout).dependencies)).toEqual(['better-sqlite3']);
    console.info(`release test: npm install --omit=dev took ${installSeconds.toFixed(1)} s`);
  });

  it('answers /healthz, /readyz, /widget.js, /console/ and /metrics', async () => {
    expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${origin}/readyz`)).json()).toEqual({ status: 'ready' });
    const widget = await fetch(`${origin}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toContain('javascript');
    const consolePage = await fetch(`${origin}/console/`);
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<script');
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toContain('parley_open_sockets{kind="visitor"}');
    expect(metrics).toContain('nodejs_eventloop_lag_seconds');
  });

  it('lets a visitor and an agent (created with the CLI) exchange messages over real sockets', async () => {
    const login = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'ana@boots.example', password: 'release password' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const siteKey = /Site key:\s+(\S+)/.exec(output)?.[1];
    expect(siteKey).toBeTruthy();

    const agent = await TestSocket.open(`${origin.replace('http', 'ws')}/ws/agent`, { origin, cookie });
    await agent.next('session.ready');
    const session = await fetch(`${origin}/api/v1/visitor/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
      body: JSON.stringify({ siteKey }),
    });
    expect(session.status).toBe(201);
    const { token } = (await session.json()) as { token: string };
    const visitor = await TestSocket.open(`${origin.replace('http', 'ws')}/ws/visitor?site=${siteKey}`, { origin: 'https://shop.example' });
    visitor.send({ type: 'session.auth', token, protocol: 1 });
    await visitor.next('session.ready');

    visitor.send({ type: 'message.send', clientId: 'v-1', text: 'Do you ship to Norway?' });
    const { conversationId } = await visitor.next('message.ack');
    expect((await agent.next('message.created')).message).toMatchObject({ text: 'Do you ship to Norway?', author: { type: 'visitor' } });
    agent.send({ type: 'message.send', clientId: 'a-1', conversationId, text: 'Yes, in 3 days.' });
    const reply = await visitor.next('message.created', (frame) => frame.message.author.type === 'agent');
    expect(reply.message).toMatchObject({ text: 'Yes, in 3 days.', author: { type: 'agent', name: 'Ana' } });

    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toMatch(/parley_messages_stored_total [1-9]/);
    expect(metrics).toMatch(/parley_open_sockets\{kind="agent"\} 1/);
    visitor.close();
    agent.close();
  });

  it('backs up the live database with the CLI, and logs JSON lines with request ids', () => {
    const backup = parley(['backup', join(temp, 'backup.db')]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up .* \(\d+ KiB, [1-9]\d* messages; integrity checked\)/);
    expect(parley(['version']).stdout).toMatch(/^parley \d+\.\d+\.\d+ \(node v/);

    const requestLines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { reqId?: string; req?: unknown });
    const withRequest = requestLines.filter((line) => line.req);
    expect(withRequest.length).toBeGreaterThan(3);
    for (const line of withRequest) expect(line.reqId).toBeTruthy();
    expect(output).not.toContain('release password');
  });
});
