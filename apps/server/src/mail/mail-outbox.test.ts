import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDefaultSite } from '../sites/sites';
import { openStore, type Store } from '../store/database';
import { TestSmtp } from '../../test/support/smtp';
import { until } from '../../test/support/until';
import { GroupCommit } from '../chat/group-commit';
import { MailOutbox } from './mail-outbox';
import { tempDir } from '../../test/support/temp-dir';

const silent = { warn: () => {}, error: () => {}, info: () => {} } as never;
describe('the mail outbox', () => {
  let store: Store;
  let siteId: string;
  let commits: GroupCommit;
  beforeEach(() => {
    store = openStore(join(tempDir('mail'), 'parley.db'));
    commits = new GroupCommit(store.sqlite);
    siteId = ensureDefaultSite(store).site.id;
  });
  afterEach(() => store.close());

  const mail = { kind: 'receipt' as const, subject: 'We got your message', text: 'Thanks!', html: '<p>Thanks!</p>', to: 'kim@shop.example' };

  it('records a mail, sends it, and marks it sent', async () => {
    const smtp = await TestSmtp.start();
    const outbox = new MailOutbox(store, commits, { smtpUrl: smtp.url, from: 'Boot Barn <shop@boots.example>' }, silent);
    try {
      await outbox.enqueue({ ...mail, siteId, replyTo: 'help@boots.example' });
      await until(() => outbox.counts().sent === 1);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual(['kim@shop.example']);
      expect(smtp.received[0]!.subject).toBe('We got your message');
      expect(smtp.received[0]!.replyTo).toBe('help@boots.example');
    } finally {
      await outbox.stop();
      await smtp.stop();
    }
  });

  it('keeps mail queued while SMTP is down and sends it once the server is back', async () => {
    const smtp = await TestSmtp.start();
    const port = smtp.port;
    await smtp.stop();
    const outbox = new MailOutbox(store, commits, { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'shop@boots.example', retryBaseMs: 50 }, silent);
    try {
      await outbox.enqueue({ ...mail, siteId });
      await until(() => outbox.list()[0]!.attempts >= 1);
      expect(outbox.list()[0]).toMatchObject({ state: 'queued', lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });

      const back = await TestSmtp.start(port);
      try {
        outbox.start();
        await until(() => outbox.counts().sent === 1, 8000);
        expect(back.received).toHaveLength(1);
      } finally {
        await back.stop();
      }
    } finally {
      await outbox.stop();
    }
  });

  it('gives up after the last attempt but keeps the mail, and can retry it', async () => {
    const outbox = new MailOutbox(store, commits, { smtpUrl: 'smtp://127.0.0.1:1', from: 'shop@boots.example', retryBaseMs: 1, maxAttempts: 2 }, silent);
    try {
      const id = await outbox.enqueue({ ...mail, siteId });
      await until(() => outbox.list()[0]!.attempts >= 1);
      await new Promise((resolve) => setTimeout(resolve, 10));
      await outbox.processDue();
      expect(outbox.counts()).toEqual({ queued: 0, sent: 0, failed: 1 });
      expect(await outbox.retry(id)).toBe(true);
      expect(outbox.counts().queued).toBe(1);
    } finally {
      await outbox.stop();
    }
  });

  it('without SMTP configured, waits in the outbox instead of failing', async () => {
    const outbox = new MailOutbox(store, commits, { from: 'shop@boots.example' }, silent);
    await outbox.enqueue({ ...mail, siteId });
    await outbox.processDue();
    expect(outbox.configured).toBe(false);
    expect(outbox.counts()).toEqual({ queued: 1, sent: 0, failed: 0 });
  });

  it('stores a mail staged in another write with it, or not at all', async () => {
    const outbox = new MailOutbox(store, commits, { from: 'shop@boots.example' }, silent);
    const failed = commits.write(() => {
      outbox.stage({ ...mail, siteId });
      throw new Error('the offline message could not be stored');
    });
    await expect(failed).rejects.toThrow('the offline message could not be stored');
    expect(outbox.counts().queued).toBe(0);

    await commits.write(() => outbox.stage({ ...mail, siteId }));
    expect(outbox.counts().queued).toBe(1);
  });

  it('sends a staged mail only once its write is on disk', async () => {
    const smtp = await TestSmtp.start();
    store.sqlite.pragma('synchronous = FULL');
    let held = true;
    const waiting: Array<(error: Error | null) => void> = [];
    const disk = new GroupCommit(store.sqlite, { sync: (done) => (held ? void waiting.push(done) : done(null)) });
    const outbox = new MailOutbox(store, disk, { smtpUrl: smtp.url, from: 'shop@boots.example' }, silent);
    try {
      let durable = false;
      disk.enqueue(() => outbox.stage({ ...mail, siteId }), () => (durable = true));
      await until(() => waiting.length === 1); // committed, its fsync held
      const worker = outbox.processDue(); // the worker sees the row...
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.received).toHaveLength(0); // ...and waits for the disk
      expect(durable).toBe(false);

      held = false;
      waiting.shift()!(null);
      await worker;
      await until(() => outbox.counts().sent === 1);
      expect(durable).toBe(true);
      expect(smtp.received.map((received) => received.to)).toEqual([['kim@shop.example']]);
    } finally {
      held = false;
      for (const done of waiting.splice(0)) done(null);
      await outbox.stop();
      await smtp.stop();
    }
  });
});
