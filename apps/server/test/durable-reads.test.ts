/**
 * A message is visible to reads from its commit, a moment before its fsync ends. The console's REST reads
 * answer only once what they read is durable, like a resume: an agent is never shown a message that a
 * crash in that moment would lose (and whose seq the next message would then take).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestServer } from './support/test-server';
import { until } from './support/until';

/** Holds every fdatasync (the log's and the database file's) while `held`, as a stalled disk would. */
const disk = vi.hoisted(() => ({ held: false, waiting: [] as Array<() => void> }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
    if (disk.held) disk.waiting.push(() => fs.fdatasync(fd, done));
    else fs.fdatasync(fd, done);
  };
  return { ...fs, fdatasync, default: { ...fs, fdatasync } };
});

function release(): void {
  disk.held = false;
  for (const sync of disk.waiting.splice(0)) sync();
}

describe('console reads and durability', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => {
    release();
    await server.stop();
  });

  it('answers a transcript only once the messages it shows are on disk', async () => {
    const { cookie } = await server.newAgent();
    const agent = await server.connectAgent(cookie);
    const visitor = await server.connectVisitor();
    visitor.socket.send({ type: 'message.send', clientId: 'v-1', text: 'Hello' });
    const { conversationId } = await visitor.socket.next('message.ack');
    await agent.next('conversation.assigned');

    disk.held = true;
    visitor.socket.send({ type: 'message.send', clientId: 'v-2', text: 'Do these boots come in 9 wide?' });
    const committed = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE client_id = 'v-2'");
    await until(() => (committed.get() as { n: number }).n === 1); // committed, its fsync held
    let answered = false;
    const detail = server.request('GET', `/api/v1/console/conversations/${conversationId}`, undefined, { cookie }).then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);

    release();
    const response = await detail;
    expect(response.status).toBe(200);
    const texts = (response.body as { messages: Array<{ text: string }> }).messages.map((message) => message.text);
    expect(texts).toEqual(['Hello', 'Do these boots come in 9 wide?']);
    expect((await visitor.socket.next('message.ack')).clientId).toBe('v-2');
  });

  it('answers at once when nothing is waiting for the disk', async () => {
    const { cookie } = await server.newAgent();
    disk.held = true; // nothing was committed: no read has anything to wait for
    const response = await server.request('GET', '/api/v1/console/conversations?view=open', undefined, { cookie });
    expect(response.status).toBe(200);
  });
});
