/**
 * The widget in a real Chromium: a dropped network with messages written offline, two tabs of one
 * shopper, and a hostile host page (global CSS resets, huge z-indexes, a strict CSP with a nonce).
 */
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumOrSkip, closeContexts, launchBrowser, screenshotPath, startStack, watchedContext, type Stack } from '../../../scripts/e2e/stack';
import { agentSocket, openWidget as openChat, widgetComposer as composer, writeInWidget as write } from '../../../scripts/e2e/widget';

const chromiumPath = chromiumOrSkip();

describe.skipIf(!chromiumPath)('the widget in Chromium', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => (browser = await launchBrowser(chromiumPath!)));
  afterAll(async () => browser?.close());
  beforeEach(async () => (stack = await startStack()));
  afterEach(async () => stack.close());

  it('keeps messages written while the network is down and delivers them once, in order; two tabs agree', async () => {
    const agent = await agentSocket(stack);
    const { context, problems } = await watchedContext(browser);
    const page = await context.newPage();
    await page.goto(stack.storeUrl);
    await openChat(page);
    await write(page, 'Hello, is anyone there?');
    const first = await agent.next('message.created');
    const conversationId = first.message.conversationId;

    await context.setOffline(true);
    await page.locator('#parley-widget [role="status"]').first().waitFor();
    for (const text of ['alpha', 'bravo', 'charlie']) await write(page, text);
    await page.waitForTimeout(500);
    expect(agent.take('message.created')).toEqual([]);

    await context.setOffline(false);
    const arrived = [];
    for (let i = 0; i < 3; i += 1) arrived.push((await agent.next('message.created', (f) => f.message.author.type === 'visitor', 15_000)).message);
    expect(arrived.map((m) => [m.seq, m.text])).toEqual([
      [2, 'alpha'],
      [3, 'bravo'],
      [4, 'charlie'],
    ]);
    await page.waitForTimeout(300);
    expect(agent.take('message.created')).toEqual([]);
    const stored = stack.app.store.sqlite.prepare("SELECT body FROM messages WHERE conversation_id = ? AND author_type = 'visitor' ORDER BY seq").all(conversationId);
    expect((stored as Array<{ body: string }>).map((row) => row.body)).toEqual(['Hello, is anyone there?', 'alpha', 'bravo', 'charlie']);

    agent.send({ type: 'message.send', clientId: 'r1', conversationId, text: 'Got all three!' });
    const second = await context.newPage();
    await second.goto(`${stack.storeUrl}/products/chelsea-boot`);
    await openChat(second);
    for (const tab of [page, second]) {
      await tab.getByText('Got all three!').first().waitFor();
      const bubbles = await tab.locator('#parley-widget li').allInnerTexts();
      const transcript = bubbles.join('\n');
      for (const text of ['Hello, is anyone there?', 'alpha', 'bravo', 'charlie', 'Got all three!']) {
        expect(transcript.split(text).length - 1, `"${text}" once in ${transcript}`).toBe(1);
      }
    }
    expect(problems).toEqual([]);
  });

  describe('on a hostile page', () => {
    let hostile: Server;
    let hostileUrl: string;
    const nonce = 'r4nd0mN0nce';

    beforeEach(async () => {
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>Hostile shop</title>
<style>
  * { all: unset !important; }
  html, body { display: block !important; font-size: 40px !important; }
  .overlay { display: block !important; position: fixed !important; top: 0 !important; left: 0 !important; right: 0 !important; height: 120px !important; z-index: 2147483647 !important; background: red !important; }
  .side { display: block !important; position: fixed !important; bottom: 0 !important; left: 0 !important; width: 200px !important; height: 200px !important; z-index: 999999 !important; background: blue !important; }
  button, div, li, textarea { color: lime !important; font-family: "Comic Sans MS" !important; }
</style></head>
<body><div class="overlay">SALE SALE SALE</div><div class="side">chat with us?</div><p>Products</p>
<script nonce="${nonce}">window.Parley = window.Parley || function () { (Parley.q = Parley.q || []).push(arguments); };
window.__violations = []; document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });</script>
<script async nonce="${nonce}" src="${stack.parleyUrl}/widget.js" data-site="${stack.app.defaultSite.key}"></script>
</body></html>`;
      hostile = createServer((_request, response) => {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.setHeader('content-security-policy', `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`);
        response.end(page);
      });
      await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', () => resolve()));
      const address = hostile.address();
      hostileUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    });
    afterEach(async () => {
      await closeContexts(); // the page keeps a connection to this server open while it exists
      await new Promise<void>((resolve) => hostile.close(() => resolve()));
    });

    it('still renders and works, with no CSP violation or console error', async () => {
      const agent = await agentSocket(stack);
      const { context, problems } = await watchedContext(browser);
      const page = await context.newPage();
      await page.goto(hostileUrl);
      await openChat(page);
      await write(page, 'Does the widget survive this page?');
      expect((await agent.next('message.created')).message.text).toBe('Does the widget survive this page?');
      await page.getByText('Does the widget survive this page?').first().waitFor();

      // The panel keeps its own look: the page's lime Comic Sans never reaches it.
      const composerStyle = await composer(page).evaluate((element) => {
        const style = getComputedStyle(element);
        return { color: style.color, font: style.fontFamily, display: style.display };
      });
      expect(composerStyle.color).not.toBe('rgb(0, 255, 0)');
      expect(composerStyle.font).not.toContain('Comic Sans');
      expect(composerStyle.display).not.toBe('inline');
      await page.screenshot({ path: screenshotPath('widget-hostile-page') });
      expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
});
