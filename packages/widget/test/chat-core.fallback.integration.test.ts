// @vitest-environment node
/// <reference types="node" />
/**
 * The widget's chat core when nobody can answer: availability, the FAQ bot, self-service search and the
 * offline form, against a real server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestServer } from '../../../apps/server/test/support/test-server';
import { until } from '../../../apps/server/test/support/until';
import { OFFLINE_MIN_FILL_MS } from '@parley/protocol/constants';
import { ChatCore } from '../src/chat/chat-core';
import { WidgetStorage } from '../src/chat/client/storage';
import { storagePrefix } from '../src/shared/host';
import { MemoryStorage } from './memory-storage';


describe('chat core when nobody is online', () => {
  let server: TestServer;
  let core: ChatCore;

  beforeEach(async () => {
    server = await TestServer.start();
    server.app.faq.importAll(server.app.defaultSite.id, [
      { question: 'Where is my order?', answer: 'The tracking link is in your confirmation email.', keywords: 'track, parcel, package' },
      { question: 'How do I return an item?', answer: 'Send it back within 30 days.', keywords: 'refund, exchange' },
      { question: 'Do you have gift cards?', answer: 'Yes, from 10 to 500 EUR.', keywords: 'gift, voucher' },
    ]);
    core = new ChatCore({
      serverUrl: server.origin,
      siteKey: server.siteKey,
      storage: new WidgetStorage(storagePrefix(server.siteKey), new MemoryStorage()),
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      page: () => ({ url: 'https://shop.example/boots' }),
      backoff: { baseMs: 20, maxMs: 200, random: () => 0.5 },
    });
  });
  afterEach(async () => {
    core.shutdown();
    await server.stop();
  });

  it('knows nobody is online when the panel opens, and finds FAQ answers by search', async () => {
    core.actions.open();
    await until(() => core.store.state.availability !== null);
    expect(core.store.state.availability).toMatchObject({ live: false, open: true });
    core.actions.searchFaq('I want a refund');
    await until(() => core.store.state.faqResults !== null);
    expect(core.store.state.faqResults?.[0]?.question).toBe('How do I return an item?');
  });

  it('shows the bot answer, then takes the offline form and confirms the address', async () => {
    core.actions.open();
    core.actions.send('Where is my package?');
    await until(() => core.store.state.messages.some((m) => m.author === 'bot'));
    const bot = core.store.state.messages.find((m) => m.author === 'bot')!;
    expect(bot).toMatchObject({ text: 'The tracking link is in your confirmation email.', bot: { kind: 'faq_answer' } });
    expect(core.store.state.conversation?.fallback).toBe('nobody_online');

    core.actions.submitOffline({ name: 'Kim', email: 'Kim@Shop.example', message: 'Still nothing arrived.', website: '', elapsedMs: 8000 });
    expect(core.store.state.offline.status).toBe('sending');
    await until(() => core.store.state.offline.status === 'sent');
    expect(core.store.state.offline.email).toBe('kim@shop.example');
    await until(() => core.store.state.conversation?.status === 'offline');
    const stored = server.app.store.sqlite.prepare("SELECT status, offline_email AS email FROM conversations").get();
    expect(stored).toEqual({ status: 'offline', email: 'kim@shop.example' });
  });

  it('holds a form sent quicker than the spam threshold until it has passed, so a quick shopper is not taken for spam', async () => {
    core.actions.open();
    core.actions.send('Do you restock size 44?');
    await until(() => core.store.state.conversation?.fallback === 'nobody_online');
    const sentAt = Date.now();
    core.actions.submitOffline({ name: 'Kim', email: 'kim@shop.example', message: 'Tell me when 44 is back.', website: '', elapsedMs: 1000 });
    await until(() => core.store.state.offline.status === 'sent', 5000);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(OFFLINE_MIN_FILL_MS - 1000 - 50);
    await until(() => core.store.state.conversation?.status === 'offline');
    const submissions = server.app.store.sqlite.prepare('SELECT status, reason FROM offline_submissions').all();
    expect(submissions).toEqual([{ status: 'accepted', reason: null }]);
  });

  it('reports an error the shopper can retry when the server refuses the form', async () => {
    core.actions.open();
    core.actions.submitOffline({ name: 'Kim', email: 'not-an-email', message: 'hi', website: '', elapsedMs: 8000 });
    await until(() => core.store.state.offline.status === 'error');
  });
});
