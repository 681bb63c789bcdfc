/** Driving the widget and the agent side in browser tests. */
import type { Page } from 'playwright-core';
import { TestSocket } from '../../apps/server/test/support/test-socket';
import type { Stack } from './stack';

export const ADMIN = { storeName: 'Boot Barn', name: 'Ana', email: 'ana@boots.example', password: 'correct horse battery' };

export const launcher = (page: Page) => page.locator('#parley-widget button[aria-haspopup]');
export const widgetComposer = (page: Page) => page.locator('#parley-widget textarea');

/** Waits for the widget, opens it, and waits for the composer. */
export async function openWidget(page: Page): Promise<void> {
  await page.waitForSelector('#parley-widget', { state: 'attached' });
  await launcher(page).click();
  await widgetComposer(page).waitFor();
}

export async function writeInWidget(page: Page, text: string): Promise<void> {
  await widgetComposer(page).fill(text);
  await widgetComposer(page).press('Enter');
}

/** First-run setup through the API; returns the admin's session cookie (`name=value`). */
export async function setupAdmin(stack: Stack, admin: Partial<typeof ADMIN> = {}): Promise<string> {
  const response = await fetch(`${stack.parleyUrl}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.parleyUrl },
    body: JSON.stringify({ ...ADMIN, ...admin }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** An agent socket for the admin (set up first), ready to send and receive. */
export async function agentSocket(stack: Stack, cookie?: string): Promise<TestSocket> {
  const session = cookie ?? (await setupAdmin(stack));
  const socket = await TestSocket.open(`${stack.parleyUrl.replace('http', 'ws')}/ws/agent`, { origin: stack.parleyUrl, cookie: session });
  await socket.next('session.ready');
  return socket;
}
