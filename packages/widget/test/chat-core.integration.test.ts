// @vitest-environment node
/// <reference types="node" />
/**
 * The widget's chat core against a real Parley server on an ephemeral port: sending, receiving,
 * reconnecting with the outbox, resuming after a restart, and two tabs of one shopper.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestServer } from '../../../apps/server/test/support/test-server';
import { until } from '../../../apps/server/test/support/until';
import type { TestSocket } from '../../../apps/server/test/support/test-socket';
import { ChatCore } from '../src/chat/chat-core';
import { WidgetStorage } from '../src/chat/client/storage';
import { storagePrefix } from '../src/shared/host';
import { MemoryStorage } from './memory-storage';

const fastBackoff = { baseMs: 20, maxMs: 200, random: () => 0.5 };


describe('chat core against a real server', () => {
  let server: TestServer;
  let agent: TestSocket;
  const cores: ChatCore[] = [];

  const newCore = (backend = new MemoryStorage()) => {
    const core = new ChatCore({
      serverUrl: server.origin,
      siteKey: server.siteKey,
      storage: new WidgetStorage(storagePrefix(server.siteKey), backend),
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      page: () => ({ url: 'https://shop.example/boots', title: 'Boots' }),
      backoff: fastBackoff,
    });
    cores.push(core);
    return core;
  };
  const texts = (core: ChatCore) => core.store.state.messages.map((message) => message.text);

  beforeEach(async () => {
    server = await TestServer.start();
    agent = await server.connectAgent((await server.newAgent({ name: 'Ana' })).cookie);
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) core.shutdown();
    await server.stop();
  });

  it('sends a message, shows it sent, and receives the reply and the read mark', async () => {
    const core = newCore();
    core.actions.open();
    core.actions.send('Do these boots run small?');
    expect(core.store.state.messages[0]?.status).toBe('sending');

    const incoming = await agent.next('message.created');
    expect(incoming.message).toMatchObject({ text: 'Do these boots run small?', page: { url: 'https://shop.example/boots' } });
    await until(() => core.store.state.messages[0]?.status === 'sent');
    await until(() => core.store.state.conversation?.assignee?.name === 'Ana');

    const conversationId = incoming.message.conversationId;
    agent.send({ type: 'message.send', clientId: 'a1', conversationId, text: 'They run true to size.' });
    await until(() => texts(core).includes('They run true to size.'));
    agent.send({ type: 'read.mark', conversationId, seq: 1 });
    await until(() => core.store.state.messages[0]?.status === 'read');
    expect(core.store.state.connection).toBe('online');
  });

  it('keeps messages written while the server is down and delivers them once, in order, when it is back', async () => {
    const core = newCore();
    core.actions.open();
    core.actions.send('first');
    const first = await agent.next('message.created');
    const conversationId = first.message.conversationId;

    await server.app.close();
    await until(() => core.store.state.connection === 'reconnecting');
    core.actions.send('second');
    core.actions.send('third');
    core.actions.send('fourth');
    expect(core.store.state.messages.map((m) => m.status)).toEqual(['sent', 'sending', 'sending', 'sending']);

    await server.restart();
    agent = await server.connectAgent((await server.newAgent({ name: 'Ben' })).cookie);
    agent.send({ type: 'conversation.resume', conversationId, lastSeq: 1 });
    await until(() => core.store.state.messages.every((m) => m.status === 'sent'));
    await until(() => core.store.state.connection === 'online');

    const stored = server.app.store.sqlite
      .prepare('SELECT seq, body FROM messages WHERE conversation_id = ? ORDER BY seq')
      .all(conversationId);
    expect(stored).toEqual([
      { seq: 1, body: 'first' },
      { seq: 2, body: 'second' },
      { seq: 3, body: 'third' },
      { seq: 4, body: 'fourth' },
    ]);
    expect(texts(core)).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('survives a reload: the outbox and the conversation come back from storage', async () => {
    const tab = new MemoryStorage();
    const before = newCore(tab);
    before.actions.open();
    before.actions.send('hello before reload');
    await agent.next('message.created');
    await server.app.close();
    await until(() => before.store.state.connection === 'reconnecting');
    before.actions.send('written while offline');
    // The page reloads: this core is gone, a new one starts on the same storage.
    before['connection'].stop();
    await server.restart();
    agent = await server.connectAgent((await server.newAgent({ name: 'Cy' })).cookie);

    const after = newCore(tab);
    expect(after.returning).toBe(true);
    expect(texts(after)).toEqual(['written while offline']);
    after.engage();
    await until(() => texts(after).join('|') === 'hello before reload|written while offline');
    await until(() => after.store.state.messages.every((m) => m.status === 'sent'));
    const count = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE body = 'written while offline'").get();
    expect(count).toEqual({ n: 1 });
  });

  it('shows the same transcript in two tabs of one shopper, each message once', async () => {
    const shared = new MemoryStorage();
    const tabA = newCore(shared);
    tabA.actions.open();
    tabA.actions.send('from tab A');
    const { message } = await agent.next('message.created');
    const tabB = newCore(shared);
    tabB.engage();
    await until(() => texts(tabB).includes('from tab A'));

    agent.send({ type: 'message.send', clientId: 'a1', conversationId: message.conversationId, text: 'hello both' });
    tabB.actions.send('from tab B');
    for (const tab of [tabA, tabB]) {
      await until(() => texts(tab).length === 3);
      expect(texts(tab)).toEqual(['from tab A', 'hello both', 'from tab B']);
    }
  });

  it('sends identity and attributes so the agent sees who the shopper is and their cart', async () => {
    const core = newCore();
    core.identify({ id: 'cust-7', email: 'kim@shop.example', name: 'Kim' });
    core.setAttributes({ cartValue: 129.5, plan: 'gold' });
    core.actions.open();
    const updated = await agent.next('visitor.updated', (frame) => frame.visitor.attributes.plan === 'gold');
    expect(updated.visitor).toMatchObject({ name: 'Kim', email: 'kim@shop.example', verified: false, attributes: { cartValue: 129.5 } });
  });

  it('writes nothing to storage and opens no socket before the shopper engages', async () => {
    const backend = new MemoryStorage();
    const core = newCore(backend);
    core.setAttributes({ plan: 'gold' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backend.length).toBe(0);
    expect(server.app.connections.counts().visitors).toBe(0);
    core.actions.open();
    await until(() => core.store.state.connection === 'online');
    expect(backend.getItem(`${storagePrefix(server.siteKey)}token`)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('forgets a shopper for good: a token that arrives after shutdown is neither kept nor used', async () => {
    const backend = new MemoryStorage();
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const core = new ChatCore({
      serverUrl: server.origin,
      siteKey: server.siteKey,
      storage: new WidgetStorage(storagePrefix(server.siteKey), backend),
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      page: () => ({ url: 'https://shop.example/boots' }),
      backoff: fastBackoff,
      // The session request reaches the server at once; its answer is held until the shopper was forgotten.
      fetchImpl: async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/api/v1/visitor/sessions')) await answered;
        return response;
      },
    });
    cores.push(core);
    core.actions.open();
    await until(() => (server.app.store.sqlite.prepare('SELECT count(*) AS n FROM visitors').get() as { n: number }).n === 1);
    core.shutdown();
    answer();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(backend.getItem(`${storagePrefix(server.siteKey)}token`)).toBeNull();
    expect(server.app.connections.counts().visitors).toBe(0);
  });

  it('with consent withheld, keeps everything in memory until consent is given', async () => {
    const backend = new MemoryStorage();
    const core = newCore(backend);
    core.setConsent(false);
    core.actions.open();
    core.actions.send('waiting for consent');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backend.length).toBe(0);
    expect(server.app.connections.counts().visitors).toBe(0);
    core.setConsent(true);
    expect((await agent.next('message.created')).message.text).toBe('waiting for consent');
  });
});
