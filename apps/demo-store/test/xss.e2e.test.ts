/**
 * An XSS corpus (script tags, event handlers, javascript: and data: links, SVG) in messages, the shopper's
 * name, custom attributes and an FAQ answer renders inert in the widget and in the console, in Chromium.
 * Payloads set `window.__xss` if they ever run.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumOrSkip, launchBrowser, startStack, watchedContext, type Stack } from '../../../scripts/e2e/stack';
import { TestSocket } from '../../../apps/server/test/support/test-socket';
import { setupAdmin } from '../../../scripts/e2e/widget';

const chromiumPath = chromiumOrSkip();

const CORPUS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"><circle r=9></svg>',
  '"><iframe src="javascript:window.__xss=1"></iframe>',
  'javascript:window.__xss=1',
  '[click me](javascript:window.__xss=1)',
  'data:text/html,<script>window.__xss=1</script>',
  '<a href="javascript:window.__xss=1">link</a>',
  '<div style="background:url(javascript:window.__xss=1)">x</div>',
  '{{constructor.constructor("window.__xss=1")()}}',
];

/** What a successful injection leaves behind, anywhere in the page or the widget's shadow root. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots: Array<Document | ShadowRoot> = [document];
    const shadow = document.getElementById('parley-widget')?.shadowRoot;
    if (shadow) roots.push(shadow);
    const found: string[] = [];
    if ((window as unknown as { __xss?: number }).__xss) found.push('window.__xss was set');
    for (const root of roots) {
      for (const element of root.querySelectorAll('*')) {
        for (const attribute of element.getAttributeNames()) {
          if (attribute.startsWith('on')) found.push(`${element.tagName} ${attribute}`);
        }
        const href = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
        const emptyIcon = element.tagName === 'LINK' && element.getAttribute('rel') === 'icon' && href === 'data:,';
        if (/^\s*(javascript|data|vbscript):/i.test(href) && !emptyIcon) found.push(`${element.tagName} ${href}`);
        if (['IFRAME', 'OBJECT', 'EMBED'].includes(element.tagName)) found.push(element.tagName);
        if (element.tagName === 'SCRIPT' && root !== document) found.push('script in shadow root');
        if (element.tagName === 'IMG' && element.getAttribute('src') === 'x') found.push('injected IMG');
        if (element.tagName.toLowerCase() === 'circle') found.push('injected SVG');
      }
    }
    return found;
  });
}

describe.skipIf(!chromiumPath)('an XSS corpus in Chromium', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => (browser = await launchBrowser(chromiumPath!)));
  afterAll(async () => browser?.close());
  beforeEach(async () => (stack = await startStack()));
  afterEach(async () => stack.close());

  it('renders inert in the widget and the console: messages, names, attributes and FAQ answers', async () => {
    stack.app.faq.importAll(stack.app.defaultSite.id, [{ question: 'Gift cards?', answer: `Yes! ${CORPUS.join(' ')}`, keywords: 'gift voucher' }]);
    const cookie = await setupAdmin(stack, { storeName: '<b onmouseover=window.__xss=1>Boots</b>', name: '<img src=x onerror=window.__xss=1>' });
    const agentSocket = await TestSocket.open(`${stack.parleyUrl.replace('http', 'ws')}/ws/agent`, { origin: stack.parleyUrl, cookie });

    // The shopper side, over a raw socket: hostile name, attributes and messages.
    const session = await (await fetch(`${stack.parleyUrl}/api/v1/visitor/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteKey: stack.app.defaultSite.key }) })).json();
    const shopper = await TestSocket.open(`${stack.parleyUrl.replace('http', 'ws')}/ws/visitor?site=${stack.app.defaultSite.key}`);
    shopper.send({ type: 'session.auth', token: session.token, protocol: 1 });
    await shopper.next('session.ready');
    shopper.send({ type: 'visitor.identify', name: '<script>window.__xss=1</script>Kim', email: 'kim@shop.example' });
    shopper.send({ type: 'visitor.attributes', attributes: { cart: '<img src=x onerror=window.__xss=1>', 'order.note': 'javascript:window.__xss=1' } });
    for (const [i, text] of CORPUS.entries()) shopper.send({ type: 'message.send', clientId: `x${i}`, text });
    let conversationId = '';
    for (let i = 0; i < CORPUS.length; i += 1) conversationId = (await shopper.next('message.ack')).conversationId;
    for (const [i, text] of CORPUS.entries()) agentSocket.send({ type: 'message.send', clientId: `a${i}`, conversationId, text });
    for (let i = 0; i < CORPUS.length; i += 1) await agentSocket.next('message.ack');

    // The console shows the conversation, sidebar included.
    const agentSide = await watchedContext(browser);
    await agentSide.context.addCookies([{ name: 'parley_session', value: cookie.split('=')[1]!, url: stack.parleyUrl }]);
    const console_ = await agentSide.context.newPage();
    const dialogs: string[] = [];
    console_.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await console_.goto(`${stack.parleyUrl}/console/`);
    await console_.getByRole('tab', { name: /Mine/ }).first().click();
    await console_.getByText(CORPUS[9]!).first().click();
    await console_.getByText('<script>window.__xss=1</script>', { exact: false }).first().waitFor();
    await console_.getByText('javascript:window.__xss=1').first().waitFor();
    await console_.mouse.move(300, 300);
    await console_.waitForTimeout(300);
    expect(await injected(console_)).toEqual([]);

    // The widget shows the same conversation to the same shopper (their token in storage).
    const shopperSide = await watchedContext(browser);
    await shopperSide.context.addInitScript(
      ({ key, token, conversation }) => {
        localStorage.setItem(`parley:${key}:token`, token);
        localStorage.setItem(`parley:${key}:conversation`, conversation);
      },
      { key: stack.app.defaultSite.key, token: session.token as string, conversation: conversationId },
    );
    const shop = await shopperSide.context.newPage();
    shop.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await shop.goto(stack.storeUrl);
    await shop.waitForSelector('#parley-widget', { state: 'attached' });
    await shop.locator('#parley-widget button[aria-haspopup]').click();
    const widget = shop.locator('#parley-widget');
    await widget.getByText(CORPUS[0]!).first().waitFor();
    await widget.getByText('[click me](javascript:window.__xss=1)').first().waitFor();
    expect(await widget.locator('a').count()).toBe(0);
    expect(await injected(shop)).toEqual([]);

    // FAQ answers with the corpus, through the widget's self-service search (a new shopper).
    const fresh = await (await watchedContext(browser)).context.newPage();
    await fresh.goto(stack.storeUrl);
    await fresh.waitForSelector('#parley-widget', { state: 'attached' });
    await fresh.locator('#parley-widget button[aria-haspopup]').click();
    const search = fresh.locator('#parley-widget input[type="search"], #parley-widget input').first();
    await search.fill('gift cards');
    await search.press('Enter');
    await fresh.locator('#parley-widget').getByText('Gift cards?').first().click();
    await fresh.locator('#parley-widget').getByText(CORPUS[1]!, { exact: false }).first().waitFor();
    expect(await injected(fresh)).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
