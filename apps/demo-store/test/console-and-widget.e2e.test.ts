/**
 * Both sides in Chromium: a shopper on the demo store and an agent in the console, in two browser
 * contexts, each scenario on a fresh database. Screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumOrSkip, launchBrowser, screenshotPath, startStack, watchedContext, type Stack } from '../../../scripts/e2e/stack';
import { openWidget, widgetComposer } from '../../../scripts/e2e/widget';

const chromiumPath = chromiumOrSkip();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Sets up the store in the console (first run) and returns the agent's page. */
async function agentConsole(context: BrowserContext, stack: Stack): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.parleyUrl}/console/`);
  await page.getByLabel('Store name').fill('Boot Barn');
  await page.getByLabel('Name', { exact: true }).fill('Ana');
  await page.getByLabel('Email').fill('ana@boots.example');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create admin and start' }).click();
  await page.getByRole('tab', { name: /Waiting/ }).first().waitFor();
  return page;
}

/** Capacity 0: routing assigns nothing, so a new chat waits for the agent to accept it by hand. */
async function takeNothingAutomatically(page: Page, stack: Stack): Promise<void> {
  const me = await (await page.request.get(`${stack.parleyUrl}/api/v1/me`)).json();
  const response = await page.request.patch(`${stack.parleyUrl}/api/v1/console/agents/${me.agent.id}`, {
    data: { capacity: 0 },
    headers: { origin: stack.parleyUrl },
  });
  expect(response.status()).toBe(200);
}

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    return axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
  }, include ?? null);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${(v.nodes as Array<{ target: unknown; failureSummary?: string }>).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`);
}

describe.skipIf(!chromiumPath)('shopper and agent in Chromium', () => {
  let browser: Browser;
  let stack: Stack;

  beforeAll(async () => (browser = await launchBrowser(chromiumPath!)));
  afterAll(async () => browser?.close());
  beforeEach(async () => (stack = await startStack()));
  afterEach(async () => stack.close());

  it('1: the shopper writes, the agent accepts from Waiting and replies, the shopper sees typing and the reply, and a reload keeps it', async () => {
    const agentSide = await watchedContext(browser);
    const agent = await agentConsole(agentSide.context, stack);
    await takeNothingAutomatically(agent, stack);

    const shopperSide = await watchedContext(browser);
    const shop = await shopperSide.context.newPage();
    await shop.goto(`${stack.storeUrl}/products/chelsea-boot`);
    await shop.getByRole('button', { name: 'Add to cart' }).click();
    await openWidget(shop);
    await widgetComposer(shop).fill('Do the Chelsea boots run small?');
    await widgetComposer(shop).press('Enter');
    // The agent's open console received it: the shopper sees it delivered before anyone opens it.
    await shop.locator('#parley-widget').getByText('Delivered').first().waitFor();

    // The agent sees it waiting, opens it and accepts.
    await agent.getByRole('tab', { name: /Waiting/ }).first().click();
    await agent.getByText('Do the Chelsea boots run small?').first().click();
    await agent.getByRole('button', { name: 'Accept' }).click();
    // The sidebar shows where the shopper is and what is in the cart.
    await agent.getByText('/products/chelsea-boot').first().waitFor();
    await agent.getByText('Chelsea boot', { exact: false }).first().waitFor();
    await agent.getByText('189').first().waitFor();

    const reply = agent.getByPlaceholder(/Reply…/);
    await reply.click();
    await reply.pressSequentially('They run true to size', { delay: 20 });
    await shop.locator('#parley-widget').getByText(/is typing/).waitFor();
    await reply.press('Enter');
    await shop.locator('#parley-widget').getByText('They run true to size').first().waitFor();
    await shop.screenshot({ path: screenshotPath('widget-open') });
    await agent.getByRole('tab', { name: /Mine/ }).first().click();
    await agent.getByText('They run true to size').first().waitFor();
    await agent.screenshot({ path: screenshotPath('console-conversation') });

    await shop.reload();
    await openWidget(shop);
    await shop.locator('#parley-widget').getByText('They run true to size').first().waitFor();
    await shop.locator('#parley-widget').getByText('Do the Chelsea boots run small?').first().waitFor();
    expect(shopperSide.problems).toEqual([]);
    expect(agentSide.problems).toEqual([]);
  });

  it('2: with nobody online the FAQ answers; "Talk to a person" takes an offline message, which is emailed and waits in the console', async () => {
    stack.app.faq.importAll(stack.app.defaultSite.id, [
      { question: 'Where is my order?', answer: 'The tracking link is in your confirmation email.', keywords: 'track, tracking, parcel, package, arrive' },
      { question: 'How do I return an item?', answer: 'Send it back within 30 days with the label in the box.', keywords: 'refund, exchange, send back' },
      { question: 'Do you have gift cards?', answer: 'Yes, from 10 to 500 EUR.', keywords: 'gift, voucher' },
    ]);
    await stack.app.inject({ method: 'POST', url: '/api/v1/setup', headers: { origin: stack.parleyUrl }, payload: { storeName: 'Boot Barn', name: 'Ana', email: 'ana@boots.example', password: 'correct horse battery' } });
    const fallbackSettings = { notificationEmails: ['owner@boots.example'], acceptTimeoutSeconds: 90, businessHours: { enabled: false, timezone: 'UTC', weekly: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, holidays: [] } };
    stack.app.store.sqlite.prepare("UPDATE sites SET settings = json_set(settings, '$.fallback', json(?))").run(JSON.stringify(fallbackSettings));

    const shopperSide = await watchedContext(browser);
    const shop = await shopperSide.context.newPage();
    await shop.goto(stack.storeUrl);
    await openWidget(shop);
    const widget = shop.locator('#parley-widget');
    await widget.getByText(/Nobody is online/).first().waitFor();
    await widgetComposer(shop).fill('My package has not arrived yet');
    await widgetComposer(shop).press('Enter');
    await widget.getByText('The tracking link is in your confirmation email.').first().waitFor();
    await widget.getByText('Did that help?').first().waitFor();
    await widget.getByRole('button', { name: 'Talk to a person' }).click();

    await widget.getByLabel('Name', { exact: true }).fill('Kim Lee');
    await widget.getByLabel('Email', { exact: true }).fill('kim.lee@example.com');
    await widget.getByLabel('Message', { exact: true }).fill('Order BB-20418 still shows "label created".');
    await shop.waitForTimeout(3100); // people take a few seconds; faster submissions count as spam
    await widget.getByRole('button', { name: 'Send message' }).click();
    await widget.getByText("Thanks! We'll reply to kim.lee@example.com.").first().waitFor();
    await shop.screenshot({ path: screenshotPath('widget-offline-sent') });

    const mails = await stack.smtp.waitFor(2);
    expect(stack.smtp.to('kim.lee@example.com')[0]?.subject).toMatch(/We got your message/);
    expect(stack.smtp.to('owner@boots.example')[0]?.raw).toContain('label created');
    expect(mails).toHaveLength(2);

    const agentSide = await watchedContext(browser);
    const agent = await agentSide.context.newPage();
    await agent.goto(`${stack.parleyUrl}/console/`);
    await agent.getByLabel('Email').fill('ana@boots.example');
    await agent.getByLabel('Password').fill('correct horse battery');
    await agent.getByRole('button', { name: 'Log in' }).click();
    await agent.getByRole('tab', { name: /Offline/ }).first().click();
    await agent.getByText('Order BB-20418 still shows "label created".').first().click();
    await agent.getByText(/Replies are emailed to kim\.lee@example\.com/).first().waitFor();
    await agent.getByText('FAQ bot').first().waitFor();
    const stored = stack.app.store.sqlite.prepare('SELECT status, offline_email AS email FROM conversations').get();
    expect(stored).toEqual({ status: 'offline', email: 'kim.lee@example.com' });
    expect(shopperSide.problems).toEqual([]);
  });

  it('3: the agent closes the chat, the shopper rates it, and the rating shows in the console', async () => {
    const agentSide = await watchedContext(browser);
    const agent = await agentConsole(agentSide.context, stack);
    const shopperSide = await watchedContext(browser);
    const shop = await shopperSide.context.newPage();
    await shop.goto(stack.storeUrl);
    await openWidget(shop);
    await widgetComposer(shop).fill('Thanks for the help earlier!');
    await widgetComposer(shop).press('Enter');

    await agent.getByRole('tab', { name: /Mine/ }).first().click();
    await agent.getByText('Thanks for the help earlier!').first().click();
    await agent.getByRole('button', { name: 'Close', exact: true }).click();

    await shop.locator('#parley-widget').getByRole('button', { name: /4 of 5/ }).click();
    await shop.locator('#parley-widget textarea').first().fill('Quick and friendly');
    await shop.locator('#parley-widget').getByRole('button', { name: /Send|Submit|Rate/ }).first().click();
    await agent.getByText('4/5').first().waitFor();
    const stored = stack.app.store.sqlite.prepare('SELECT rating, rating_comment AS comment FROM conversations').get();
    expect(stored).toEqual({ rating: 4, comment: 'Quick and friendly' });
    expect(shopperSide.problems).toEqual([]);
  });

  it('6: axe finds no serious or critical violations in the widget or the console, and the widget works by keyboard', async () => {
    const shopperSide = await watchedContext(browser);
    const shop = await shopperSide.context.newPage();
    await shop.goto(stack.storeUrl);
    await shop.waitForSelector('#parley-widget', { state: 'attached' });
    await shop.waitForTimeout(300);
    expect(await axeViolations(shop, '#parley-widget')).toEqual([]);
    await shop.screenshot({ path: screenshotPath('widget-closed') });

    // Keyboard only: Tab to the launcher, Enter opens, type, Enter sends, Escape closes.
    for (let i = 0; i < 40; i += 1) {
      await shop.keyboard.press('Tab');
      const onLauncher = await shop.evaluate(() => document.activeElement?.id === 'parley-widget' && document.activeElement.shadowRoot?.activeElement?.getAttribute('aria-haspopup') === 'dialog');
      if (onLauncher) break;
    }
    await shop.keyboard.press('Enter');
    await widgetComposer(shop).waitFor();
    await shop.keyboard.type('Typed without a mouse');
    await shop.keyboard.press('Enter');
    await shop.locator('#parley-widget').getByText('Typed without a mouse').first().waitFor();
    expect(await axeViolations(shop, '#parley-widget')).toEqual([]);
    await shop.keyboard.press('Escape');
    await widgetComposer(shop).waitFor({ state: 'detached' });

    const mobile = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await mobile.newPage();
    await phone.goto(stack.storeUrl);
    await openWidget(phone);
    await phone.screenshot({ path: screenshotPath('widget-mobile') });
    await mobile.close();

    const agentSide = await watchedContext(browser);
    const agent = await agentConsole(agentSide.context, stack);
    expect(await axeViolations(agent)).toEqual([]);
    // Nobody was online when the shopper wrote; the agent's console coming online took it: it is "Mine".
    await agent.getByRole('tab', { name: /Mine/ }).first().click();
    await agent.getByText('Typed without a mouse').first().click();
    await agent.getByPlaceholder(/Reply…/).waitFor();
    expect(await axeViolations(agent)).toEqual([]);
    await agent.screenshot({ path: screenshotPath('console-inbox') });
    expect(shopperSide.problems).toEqual([]);
    expect(agentSide.problems).toEqual([]);
  });
});
