/**
 * Browser-test helpers: a whole Parley stack on loopback (server with a fresh database, the demo store on
 * its own origin, a real SMTP server) and Debian's Chromium driven by playwright-core. Everything listens
 * on 127.0.0.1 ephemeral ports and stops with `close()`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoStore, type DemoStore } from '../../apps/demo-store/src/index';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { buildApp } from '../../apps/server/src/app';
import { TestSmtp } from '../../apps/server/test/support/smtp';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(ROOT, 'test-results');

/** Where Chromium is, or null: `PARLEY_CHROMIUM`, then Debian's `/usr/bin/chromium`. */
export function findChromium(): string | null {
  const candidates = [process.env.PARLEY_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

/**
 * The Chromium to use, or null after a loud warning. With PARLEY_REQUIRE_BROWSER=1 (CI) a missing browser
 * is an error, so browser tests can never be skipped silently there.
 */
export function chromiumOrSkip(): string | null {
  const path = findChromium();
  if (path) return path;
  const message = 'no Chromium found (set PARLEY_CHROMIUM or apt-get install -y chromium)';
  if (process.env.PARLEY_REQUIRE_BROWSER === '1') throw new Error(`Browser tests are required but ${message}.`);
  console.warn(`\n⚠⚠⚠ BROWSER TESTS SKIPPED: ${message}. ⚠⚠⚠\n`);
  return null;
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

type App = Awaited<ReturnType<typeof buildApp>>;

export interface Stack {
  app: App;
  parleyUrl: string;
  storeUrl: string;
  smtp: TestSmtp;
  close(): Promise<void>;
}

/** A fresh Parley (new database) with the demo store and an SMTP server. The widget must be built. */
export async function startStack(): Promise<Stack> {
  if (!existsSync(join(ROOT, 'packages/widget/dist/widget.js'))) throw new Error('Build first (npm test does): packages/widget/dist is missing.');
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const smtp = await TestSmtp.start();
  const port = await freePort();
  const parleyUrl = `http://127.0.0.1:${port}`;
  const app = await buildApp({ dataDir, publicUrl: parleyUrl, mail: { smtpUrl: smtp.url, from: 'Boot Barn <shop@boots.example>', pollMs: 100 } });
  await app.listen({ port, host: '127.0.0.1' });
  const site = app.defaultSite;
  const store: DemoStore = await startDemoStore({ port: 0, host: '127.0.0.1', parleyUrl, siteKey: site.key, identitySecret: site.identitySecret ?? '' });
  return {
    app,
    parleyUrl,
    storeUrl: store.url,
    smtp,
    close: async () => {
      // The pages first: a page left open keeps sockets to all three servers and reconnects while they stop.
      await closeContexts();
      await within('the demo store', () => store.close());
      await within('Parley', () => app.close());
      await within('the SMTP server', () => smtp.stop());
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A shutdown step that names itself when it hangs, instead of the whole hook timing out unexplained. */
async function within(what: string, step: () => Promise<void>, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stack.close: ${what} did not stop within ${ms / 1000} s`)), ms);
  });
  try {
    await Promise.race([step(), late]);
  } finally {
    clearTimeout(timer);
  }
}

const openContexts = new Set<BrowserContext>();

/** Closes every context `watchedContext` opened that is still open (the stack's `close()` does it first). */
export async function closeContexts(): Promise<void> {
  const contexts = [...openContexts];
  openContexts.clear();
  await within('the browser pages', async () => void (await Promise.all(contexts.map((context) => context.close()))));
}

/** A browser context that records console errors, CSP violations and page errors. */
export async function watchedContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  const problems: string[] = [];
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });
  return { context, problems };
}

export function screenshotPath(name: string): string {
  mkdirSync(RESULTS, { recursive: true });
  return join(RESULTS, `${name}.png`);
}
