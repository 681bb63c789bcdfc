import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';
import { TestSmtp } from './support/smtp';
import { until } from './support/until';

const FAQ = [
  { question: 'What are your shipping times?', answer: 'Orders ship within 2 business days.', keywords: 'delivery, deliver, arrive, how long' },
  { question: 'How do I return an item?', answer: 'Send it back within 30 days.', keywords: 'refund, exchange, send back' },
  { question: 'Which payment methods do you accept?', answer: 'Cards, PayPal and bank transfer.', keywords: 'pay, card, paypal' },
  { question: 'Do you have gift cards?', answer: 'Yes, from 10 to 500 EUR.', keywords: 'gift, voucher, present' },
  { question: 'Where is my order?', answer: 'The tracking link is in your confirmation email.', keywords: 'track, tracking, parcel, package' },
  { question: 'How do I find my size?', answer: 'Use the size chart on each product page.', keywords: 'fit, sizing, measurements' },
];

describe('when nobody can answer', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let admin: string;

  beforeEach(async () => {
    smtp = await TestSmtp.start();
    server = await TestServer.start(undefined, { mail: { smtpUrl: smtp.url, from: 'Boot Barn <shop@boots.example>', pollMs: 50 } });
    admin = (await server.newAgent({ name: 'Ana', role: 'admin' })).cookie;
    const put = await server.request('PUT', '/api/v1/console/fallback-settings', {
      notificationEmails: ['owner@boots.example'],
      acceptTimeoutSeconds: 90,
      businessHours: { enabled: false, timezone: 'Europe/Berlin', weekly: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, holidays: [] },
    }, { cookie: admin });
    expect(put.status).toBe(200);
    expect((await server.request('POST', '/api/v1/console/faq/import', { format: 'json', data: FAQ }, { cookie: admin })).body).toEqual({ imported: 6 });
  });
  afterEach(async () => {
    await server.stop();
    await smtp.stop();
  });

  it('answers from the FAQ when no agent is online, and says when nothing matched', async () => {
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'How long until my parcel arrives?' });
    const fallback = await socket.next('conversation.fallback');
    expect(fallback.conversation.fallback).toMatchObject({ reason: 'nobody_online' });
    const answer = await socket.next('message.created', (f) => f.message.author.type === 'bot');
    expect(answer.message).toMatchObject({ text: 'Orders ship within 2 business days.', bot: { kind: 'faq_answer' } });

    socket.send({ type: 'message.send', clientId: 'q2', text: 'Is the shop dog friendly?' });
    const none = await socket.next('message.created', (f) => f.message.author.type === 'bot');
    expect(none.message.bot).toEqual({ kind: 'no_match', faqEntryId: null });
  });

  it('takes the offline form: confirmation, receipt to the shopper, notification to the store, conversation in the inbox', async () => {
    const { socket, token } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'Do you restock size 44 boots?' });
    const { conversationId } = await socket.next('message.ack');
    const form = { clientId: 'form-1', name: 'Kim', email: 'Kim@Shop.example', message: 'Please tell me when size 44 is back.', elapsedMs: 12_000 };
    const response = await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${token}` });
    expect(response).toMatchObject({ status: 202, body: { received: true, email: 'kim@shop.example' } });
    expect((await socket.next('conversation.offline')).conversation).toMatchObject({ id: conversationId, status: 'offline' });

    await smtp.waitFor(2);
    const [receipt] = smtp.to('kim@shop.example');
    expect(receipt!.subject).toMatch(/We got your message/);
    expect(receipt!.raw).toContain('size 44 is back');
    const [notification] = smtp.to('owner@boots.example');
    expect(notification!.subject).toMatch(/New message from Kim \(kim@shop.example\)/);
    expect(notification!.replyTo).toBe('kim@shop.example');
    expect(notification!.raw).toContain('Do you restock size 44 boots?');

    const inbox = server.app.conversations.get(conversationId);
    expect(inbox).toMatchObject({ status: 'offline', offlineEmail: 'kim@shop.example' });
    // A retried submit (lost answer) stores nothing twice and sends no more mail.
    await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${token}` });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received).toHaveLength(2);
  });

  it("stores the offline message with its mails or not at all, so a retry still tells the store", async () => {
    const { socket, token } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'Do you restock size 44 boots?' });
    await socket.next('message.ack');
    const sqlite = server.app.store.sqlite;
    // The outbox cannot take a row (as on a full disk), after the message itself was written.
    sqlite.exec("CREATE TEMP TRIGGER outbox_full BEFORE INSERT ON mail_outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const form = { clientId: 'form-1', name: 'Kim', email: 'kim@shop.example', message: 'Please tell me when size 44 is back.', elapsedMs: 12_000 };
    const failed = await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${token}` });
    expect(failed.status).toBe(500);
    expect(sqlite.prepare("SELECT count(*) AS n FROM offline_submissions WHERE status = 'accepted'").get()).toEqual({ n: 0 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM messages WHERE client_id = 'form-1'").get()).toEqual({ n: 0 });

    sqlite.exec('DROP TRIGGER outbox_full');
    const retried = await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${token}` });
    expect(retried).toMatchObject({ status: 202, body: { received: true, email: 'kim@shop.example' } });
    await smtp.waitFor(2);
    expect(smtp.to('owner@boots.example')[0]!.raw).toContain('size 44 is back');
    expect(smtp.to('kim@shop.example')[0]!.subject).toMatch(/We got your message/);
  });

  /** The admin accepts the offline conversation and answers it. */
  const acceptAndAnswer = async (conversationId: string, text: string) => {
    const agent = await server.connectAgent(admin);
    agent.send({ type: 'conversation.accept', conversationId, ref: 'a' });
    await agent.next('ok', (f) => f.ref === 'a');
    agent.send({ type: 'message.send', clientId: 'r1', conversationId, text });
    await agent.next('message.ack');
    return agent;
  };

  it("writes the shopper's mails in the widget's language, and the store's notification in English", async () => {
    const { socket, token } = await server.connectVisitor(undefined, 'de');
    socket.send({ type: 'message.send', clientId: 'q1', text: 'Haben Sie Größe 44 wieder?' });
    const { conversationId } = await socket.next('message.ack');
    const form = { clientId: 'f1', name: 'Kim', email: 'kim@shop.example', message: 'Bitte melden Sie sich, wenn 44 da ist.', elapsedMs: 9000 };
    await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${token}` });
    await smtp.waitFor(2);
    expect(smtp.to('kim@shop.example')[0]!.subject).toMatch(/^Wir haben Ihre Nachricht erhalten/);
    const [notification] = smtp.to('owner@boots.example');
    expect(notification!.subject).toMatch(/^New message from Kim/);
    expect(notification!.raw).toContain('Shopper: Haben Sie Größe 44 wieder?');
    socket.close();

    await acceptAndAnswer(conversationId, 'Größe 44 kommt am Freitag.');
    await smtp.waitFor(3);
    const reply = smtp.to('kim@shop.example').find((mail) => mail.subject.startsWith('Re: Ihre Nachricht an'));
    expect(reply!.raw).toContain('hat geantwortet');
  });

  it("emails the agent's reply to a shopper who left, and shows it when they come back", async () => {
    const { socket, token } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'Hello?' });
    const { conversationId } = await socket.next('message.ack');
    await server.request('POST', '/api/v1/visitor/offline', { clientId: 'f1', name: 'Kim', email: 'kim@shop.example', message: 'Call me back', elapsedMs: 9000 }, { authorization: `Bearer ${token}` });
    await smtp.waitFor(2);
    socket.close();

    await acceptAndAnswer(conversationId, 'Size 44 is back on Friday!');
    await smtp.waitFor(3);
    const [reply] = smtp.to('kim@shop.example').filter((mail) => /Re: your message/.test(mail.subject));
    expect(reply!.raw).toContain('Size 44 is back on Friday!');
    expect(reply!.replyTo).toBe('owner@boots.example');

    const back = await server.connectVisitor(token);
    back.socket.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    await back.socket.next('conversation.replayed');
    expect(back.socket.take('message.created').map((f) => f.message.text)).toContain('Size 44 is back on Friday!');
  });

  it("stores an agent's reply to a shopper who left with its mail or not at all", async () => {
    const { socket, token, visitorId } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'Hello?' });
    const { conversationId } = await socket.next('message.ack');
    await server.request('POST', '/api/v1/visitor/offline', { clientId: 'f1', name: 'Kim', email: 'kim@shop.example', message: 'Call me back', elapsedMs: 9000 }, { authorization: `Bearer ${token}` });
    await smtp.waitFor(2);
    socket.close();
    await until(() => server.app.connections.visitorPeers(visitorId).size === 0);

    const agent = await server.connectAgent(admin);
    agent.send({ type: 'conversation.accept', conversationId, ref: 'a' });
    await agent.next('ok', (f) => f.ref === 'a');
    const sqlite = server.app.store.sqlite;
    sqlite.exec("CREATE TEMP TRIGGER outbox_full BEFORE INSERT ON mail_outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    agent.send({ type: 'message.send', clientId: 'r1', conversationId, text: 'Size 44 is back on Friday!' });
    expect(await agent.next('error')).toMatchObject({ code: 'internal_error', ref: 'r1' });
    expect(sqlite.prepare("SELECT count(*) AS n FROM messages WHERE client_id = 'r1'").get()).toEqual({ n: 0 });

    sqlite.exec('DROP TRIGGER outbox_full');
    agent.send({ type: 'message.send', clientId: 'r1', conversationId, text: 'Size 44 is back on Friday!' });
    expect(await agent.next('message.ack')).toMatchObject({ clientId: 'r1', duplicate: false });
    await smtp.waitFor(3);
    expect(smtp.to('kim@shop.example').filter((mail) => /Re: your message/.test(mail.subject))).toHaveLength(1);
  });

  it('treats spam like a real message on the surface, but stores it as rejected and sends nothing', async () => {
    const { token } = await server.connectVisitor();
    const headers = { authorization: `Bearer ${token}` };
    const real = { name: 'Kim', email: 'kim@shop.example', message: 'hello', elapsedMs: 8000 };
    const honeypot = await server.request('POST', '/api/v1/visitor/offline', { ...real, clientId: 's1', website: 'http://spam.example' }, headers);
    const tooFast = await server.request('POST', '/api/v1/visitor/offline', { ...real, clientId: 's2', elapsedMs: 400 }, headers);
    expect(honeypot).toMatchObject({ status: 202, body: { received: true, email: 'kim@shop.example' } });
    expect(tooFast.body).toEqual(honeypot.body);
    const rows = server.app.store.sqlite.prepare('SELECT status, reason FROM offline_submissions ORDER BY created_at').all();
    expect(rows).toEqual([
      { status: 'rejected', reason: 'honeypot' },
      { status: 'rejected', reason: 'too_fast' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received).toHaveLength(0);
    expect(server.app.store.sqlite.prepare("SELECT count(*) AS n FROM conversations WHERE status = 'offline'").get()).toEqual({ n: 0 });
  });

  it('limits offline messages per IP, answering the same', async () => {
    const { token } = await server.connectVisitor();
    const answers = [];
    for (let i = 0; i < 7; i += 1) {
      answers.push(await server.request('POST', '/api/v1/visitor/offline', { clientId: `m${i}`, name: 'Kim', email: 'kim@shop.example', message: `note ${i}`, elapsedMs: 9000 }, { authorization: `Bearer ${token}` }));
    }
    expect(answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual(Array(7).fill('202 {"received":true,"email":"kim@shop.example"}'));
    const rejected = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM offline_submissions WHERE reason = 'rate_limited'").get();
    expect(rejected).toEqual({ n: 2 });
  });

  it('refuses the offline form without a valid visitor token', async () => {
    const response = await server.request('POST', '/api/v1/visitor/offline', { clientId: 'x', name: 'K', email: 'k@x.example', message: 'hi', elapsedMs: 9000 }, { authorization: 'Bearer nope' });
    expect(response).toMatchObject({ status: 401, body: { error: { code: 'invalid_token' } } });
  });

  it('hands a queued shopper to the bot when nobody accepts within the timeout', async () => {
    await server.connectAgent((await server.newAgent({ name: 'Ben', capacity: 0 })).cookie);
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'can I pay with paypal' });
    const { conversationId } = await socket.next('message.ack');
    expect((await socket.next('conversation.queued')).conversation.fallback ?? null).toBeNull();
    server.app.fallback.sweep();
    expect(server.app.conversations.get(conversationId)?.fallbackAt).toBeNull();

    server.app.store.sqlite.prepare('UPDATE conversations SET queued_at = queued_at - 91000 WHERE id = ?').run(conversationId);
    server.app.fallback.sweep();
    expect((await socket.next('conversation.fallback')).conversation.fallback?.reason).toBe('timeout');
    expect((await socket.next('message.created', (f) => f.message.author.type === 'bot')).message.text).toBe('Cards, PayPal and bank transfer.');
  });

  it('outside business hours the bot answers even with agents online', async () => {
    const closed = { enabled: true, timezone: 'Europe/Berlin', weekly: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }, holidays: [] };
    await server.request('PUT', '/api/v1/console/fallback-settings', { notificationEmails: [], acceptTimeoutSeconds: 90, businessHours: closed }, { cookie: admin });
    await server.connectAgent(admin);
    const availability = await server.request('GET', `/api/v1/sites/${server.siteKey}/availability`);
    expect(availability.body).toMatchObject({ live: false, open: false, nextOpenAt: null });
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'hello' });
    expect((await socket.next('conversation.fallback')).conversation.fallback?.reason).toBe('closed');
  });

  it("tells the widget the store's typical wait: the median of its latest 50 assignments", async () => {
    const wait = async () => (await server.request('GET', `/api/v1/sites/${server.siteKey}/availability`)).body.typicalWaitSeconds;
    expect(await wait()).toBeNull();
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'hello' });
    const { conversationId } = await socket.next('message.ack');
    const now = Date.now();
    const assigned = server.app.store.sqlite.prepare(
      "INSERT INTO conversations (id, site_id, visitor_id, status, created_at, queued_at, assigned_at) SELECT ?, site_id, visitor_id, 'closed', ?, ?, ? FROM conversations WHERE id = ?",
    );
    // Long ago the store was slow; lately it answers in about a minute (40, 60 and 90 s, the latest fifty).
    for (let i = 0; i < 30; i += 1) assigned.run(`old${i}`, now - 900_000, now - 900_000 - 600_000, now - 900_000 + i, conversationId);
    for (let i = 0; i < 50; i += 1) {
      const seconds = [40, 60, 90][i % 3]!;
      assigned.run(`new${i}`, now - 1000, now - 1000 - seconds * 1000, now - 1000 + i, conversationId);
    }
    expect(await wait()).toBe(60);
  });

  it('offers FAQ self-service search before a chat and emails a transcript on request', async () => {
    const search = await server.request('GET', `/api/v1/sites/${server.siteKey}/faq?q=${encodeURIComponent('refund please')}`);
    expect(search.body.results[0]).toMatchObject({ question: 'How do I return an item?' });
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'q1', text: 'Where is my package?' });
    const { conversationId } = await socket.next('message.ack');
    await socket.next('message.created', (f) => f.message.author.type === 'bot');
    socket.send({ type: 'conversation.transcript', conversationId, email: 'kim@shop.example', ref: 't' });
    await socket.next('ok', (f) => f.ref === 't');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toMatch(/Your conversation with/);
    expect(mail!.raw).toContain('Where is my package?');
    expect(mail!.raw).toContain('tracking link');
  });

  it('keeps FAQ and fallback settings admin-only, and tells every agent whether email works', async () => {
    const { cookie } = await server.newAgent({ name: 'Cy' });
    expect((await server.request('POST', '/api/v1/console/faq', { question: 'q', answer: 'a' }, { cookie })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/console/fallback-settings', undefined, { cookie })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/console/faq')).status).toBe(401);
    const status = await server.request('GET', '/api/v1/console/mail/status', undefined, { cookie });
    expect(status.body).toMatchObject({ smtpConfigured: true, recipients: 1 });
    const bad = await server.request('PUT', '/api/v1/console/fallback-settings', { notificationEmails: ['nope'], acceptTimeoutSeconds: 5, businessHours: {} }, { cookie: admin });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
  });
});
