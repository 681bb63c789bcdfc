import type { FastifyBaseLogger } from 'fastify';
import type { ServerEvent } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DURABLE } from '../chat/chat-service';
import { peerOf, sendReplay } from './socket';

/** A socket that is open, never backs up, and keeps what is sent to it. */
function fakeSocket() {
  const sent: string[] = [];
  const socket = { readyState: WebSocket.OPEN, bufferedAmount: 0, send: (text: string) => void sent.push(text), once() {}, off() {}, terminate() {} };
  return { socket: socket as unknown as WebSocket, sent };
}
const log = { error() {}, warn() {} } as unknown as FastifyBaseLogger;
const message = (seq: number) => ({ type: 'message.created', message: { seq } }) as unknown as ServerEvent;
const replayed = { type: 'conversation.replayed', conversationId: 'c', lastSeq: 2 } as unknown as ServerEvent;
const seqs = (sent: string[]) => sent.map((text) => (text === 'live' ? 'live' : (JSON.parse(text).message?.seq ?? JSON.parse(text).type)));

describe('sendReplay', () => {
  it('sends nothing it read before that is durable, and what is published meanwhile after it', async () => {
    const { socket, sent } = fakeSocket();
    let durable = () => {};
    sendReplay(socket, [DURABLE, message(1), message(2), replayed], undefined, log, (done) => (durable = done));
    peerOf(socket).send('live'); // a message published while the replay waits
    expect(sent).toEqual([]);
    durable();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seqs(sent)).toEqual([1, 2, 'conversation.replayed', 'live']);
  });

  it('sends at once, in the same turn, when nothing is waiting for the disk', () => {
    const { socket, sent } = fakeSocket();
    sendReplay(socket, [DURABLE, message(1), replayed], undefined, log, (done) => done());
    peerOf(socket).send('live');
    expect(seqs(sent)).toEqual([1, 'conversation.replayed', 'live']);
  });
});
