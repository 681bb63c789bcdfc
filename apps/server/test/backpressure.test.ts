/**
 * Backpressure (ws/send-buffer.ts): a long history is replayed in steps, with live frames after it and in
 * order, and a socket whose peer stops reading is cut instead of growing the server's memory, with
 * nothing lost and nobody else affected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Duplex } from 'node:stream';
import { sendBufferForTests } from '../src/ws/send-buffer';
import { TestServer } from './support/test-server';
import type { TestSocket } from './support/test-socket';
import { until } from './support/until';

/** Longer than the kernel's socket buffers take (about 7 MB of frames): a replay to a reader that stops must wait. */
const HISTORY = 6000;
const BODY = 'These boots run half a size small; I would order one size up. '.repeat(16);

describe('backpressure', () => {
  let server: TestServer;
  let restore: () => void = () => {};
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => {
    restore();
    await server.stop();
  });

  /** A shopper's conversation with `HISTORY` stored messages, assigned to a new agent. */
  async function longConversation() {
    const { cookie, agent, visitor, conversationId } = await server.assignedChat('Hello');
    const sqlite = server.app.store.sqlite;
    const insert = sqlite.prepare(
      "INSERT INTO messages (id, conversation_id, seq, client_id, author_type, author_id, body, internal, created_at) VALUES (?, ?, ?, ?, 'agent', NULL, ?, 0, ?)",
    );
    sqlite.transaction(() => {
      for (let seq = 2; seq <= HISTORY; seq += 1) insert.run(`hist-${seq}`, conversationId, seq, `h-${seq}`, `${seq} ${BODY}`, Date.now());
      sqlite.prepare('UPDATE conversations SET last_seq = ? WHERE id = ?').run(HISTORY, conversationId);
    })();
    return { cookie, agent, visitor, conversationId };
  }

  const pause = (socket: TestSocket) => (socket.ws as unknown as { _socket: Duplex })._socket.pause();
  const resume = (socket: TestSocket) => (socket.ws as unknown as { _socket: Duplex })._socket.resume();

  it('replays a long history whole and in order to a slow reader, and what happens meanwhile follows the replay', async () => {
    const { cookie, visitor, conversationId } = await longConversation();
    const reader = await server.connectAgent(cookie);
    await reader.flush();
    pause(reader); // reads nothing until the live message below is stored and published
    reader.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the replay fills the socket and waits
    visitor.socket.send({ type: 'message.send', clientId: 'v-live', text: 'Are they waterproof?' });
    const live = await visitor.socket.next('message.ack', (frame) => frame.clientId === 'v-live');
    resume(reader);

    await reader.next('conversation.replayed', () => true, 15_000);
    await reader.flush(); // and whatever the server sent before its pong
    const frames = reader.received.filter((frame) => frame.type === 'message.created' || frame.type === 'conversation.replayed');
    const replayedAt = frames.findIndex((frame) => frame.type === 'conversation.replayed');
    const replayed = frames.slice(0, replayedAt).map((frame) => (frame.type === 'message.created' ? frame.message.seq : -1));
    // Every message, once, in order (the live one may be in the replay too, as its last).
    expect(replayed.slice(0, HISTORY)).toEqual(Array.from({ length: HISTORY }, (_, i) => i + 1));
    expect(replayed.length === HISTORY || replayed[HISTORY] === live.seq).toBe(true);
    // The live frame was held while the replay waited: it comes after the replay's last frame.
    const after = frames.slice(replayedAt + 1);
    expect(after.map((frame) => frame.type === 'message.created' && frame.message.id)).toContain(live.messageId);
  });

  it('cuts a socket whose peer stopped reading; the others go on, and it resumes with nothing lost', async () => {
    restore = sendBufferForTests({ drainTimeoutMs: 300 });
    const { cookie, agent, visitor, conversationId } = await longConversation();
    const stalled = await server.connectAgent(cookie);
    await stalled.flush();
    pause(stalled);
    const before = server.app.websocketServer.clients.size;
    stalled.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    await until(() => server.app.websocketServer.clients.size === before - 1, 5000);

    // The shopper and the other console did not notice.
    visitor.socket.send({ type: 'message.send', clientId: 'v-after', text: 'Still there?' });
    const ack = await visitor.socket.next('message.ack', (frame) => frame.clientId === 'v-after');
    expect((await agent.next('message.created', (frame) => frame.message.id === ack.messageId)).message.text).toBe('Still there?');

    // The cut console reconnects and gets everything, including what came after the cut.
    const again = await server.connectAgent(cookie);
    again.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    const replayed = await again.next('conversation.replayed', () => true, 15_000);
    expect(replayed.lastSeq).toBe(ack.seq);
    expect(again.take('message.created').map((frame) => frame.message.seq)).toEqual(Array.from({ length: ack.seq }, (_, i) => i + 1));
  });

  it('cuts a socket when what waits for it passes the limit', async () => {
    restore = sendBufferForTests({ limit: 512 * 1024 });
    const { cookie, agent, conversationId } = await longConversation();
    const stalled = await server.connectAgent(cookie);
    await stalled.flush();
    pause(stalled);
    const before = server.app.websocketServer.clients.size;
    stalled.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    // The replay waits for a peer that does not read; live frames pile up behind it until the limit.
    for (let n = 0; n < 200 && server.app.websocketServer.clients.size === before; n += 1) {
      agent.send({ type: 'message.send', clientId: `a-${n}`, conversationId, text: `${n} ${BODY.repeat(4).slice(0, 3990)}` });
      await agent.next('message.ack', (frame) => frame.clientId === `a-${n}`);
    }
    expect(server.app.websocketServer.clients.size).toBe(before - 1);
    await agent.flush(); // the sender's own socket is fine
  });
});
