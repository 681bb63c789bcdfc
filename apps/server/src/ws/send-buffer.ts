/**
 * Backpressure: what the server keeps in memory for a socket whose peer is not reading.
 *
 * - A socket with more than `SEND_BUFFER_LIMIT` bytes waiting to leave is cut (`terminate`, logged).
 *   Nothing is lost by it: every message is stored before it is sent, and the client reconnects and
 *   resumes from the last message it has.
 * - A replay (`conversation.resume`) sends a long history in steps: after each message, once more than
 *   `REPLAY_HIGH_WATER` bytes wait, it pauses until the socket has drained. Live frames for that socket
 *   are held meanwhile and follow the replay's last frame, so the order the client sees stays the order
 *   things happened in. A peer that does not drain within `DRAIN_TIMEOUT_MS` is cut.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';

/** The most bytes one socket may have waiting to leave (far above any live traffic to one person). */
export const SEND_BUFFER_LIMIT = 4 * 1024 * 1024;
/** A replay pauses above this many waiting bytes until the socket has drained. */
export const REPLAY_HIGH_WATER = 256 * 1024;
/** How long a paused replay waits for the peer to read before the socket is cut. */
export const DRAIN_TIMEOUT_MS = 20_000;

interface Held {
  frames: string[];
  bytes: number;
}

const held = new WeakMap<WebSocket, Held>();
const logs = new WeakMap<WebSocket, FastifyBaseLogger>();
const defaults = { limit: SEND_BUFFER_LIMIT, drainTimeoutMs: DRAIN_TIMEOUT_MS };
let settings = { ...defaults };

/** Where a cut socket is reported (each gateway registers its sockets). */
export function reportCutsTo(socket: WebSocket, log: FastifyBaseLogger): void {
  logs.set(socket, log);
}

/** For tests: a smaller limit or a shorter wait; returns a function that restores the defaults. */
export function sendBufferForTests(change: Partial<typeof defaults>): () => void {
  settings = { ...settings, ...change };
  return () => (settings = { ...defaults });
}

/** Holds `text` if a replay is under way on the socket; returns false when the caller should send it now. */
export function holdIfReplaying(socket: WebSocket, text: string): boolean {
  const waiting = held.get(socket);
  if (!waiting) return false;
  waiting.frames.push(text);
  waiting.bytes += Buffer.byteLength(text);
  if (waiting.bytes + socket.bufferedAmount > settings.limit) cut(socket, waiting.bytes + socket.bufferedAmount);
  return true;
}

/** After a send: cuts the socket if its peer has let too much pile up. */
export function checkSendBuffer(socket: WebSocket): void {
  if (socket.bufferedAmount > settings.limit) cut(socket, socket.bufferedAmount);
}

/** In a replay's frames: a promise to wait for before going on, or null when there is nothing to wait for. */
export type Pause = () => Promise<void> | null;

/**
 * Sends a replay with `sendNow` (which must not be held), pausing while too much waits and wherever `frames`
 * holds a `Pause`; live frames meanwhile are held and sent after `frames` is done. Resolves when everything
 * was sent, or the socket closed.
 */
export async function sendPaced(socket: WebSocket, frames: Iterable<string | Pause>, sendNow: (text: string) => void): Promise<void> {
  let holding = false;
  const hold = () => {
    if (!holding) held.set(socket, { frames: [], bytes: 0 });
    holding = true;
  };
  try {
    for (const item of frames) {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (typeof item === 'function') {
        const waiting = item();
        if (waiting) {
          hold();
          await waiting;
        }
        continue;
      }
      sendNow(item);
      if (socket.bufferedAmount > REPLAY_HIGH_WATER) {
        hold();
        if (!(await drained(socket))) return cut(socket, socket.bufferedAmount);
      }
    }
  } finally {
    if (holding) release(socket, sendNow);
  }
}

function release(socket: WebSocket, sendNow: (text: string) => void): void {
  const waiting = held.get(socket);
  held.delete(socket);
  if (!waiting || socket.readyState !== WebSocket.OPEN) return;
  for (const text of waiting.frames) sendNow(text);
}

/** Resolves true once nothing waits to leave the socket, false after the timeout or when it closed. */
function drained(socket: WebSocket): Promise<boolean> {
  const tcp = (socket as unknown as { _socket?: Duplex })._socket;
  if (!tcp) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      tcp.off('drain', onDrain);
      socket.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), settings.drainTimeoutMs);
    tcp.on('drain', onDrain);
    socket.once('close', onClose);
  });
}

function cut(socket: WebSocket, bytes: number): void {
  if (socket.readyState === WebSocket.CLOSED) return;
  held.delete(socket);
  logs.get(socket)?.warn({ waitingBytes: bytes }, 'socket cut: its peer stopped reading (it reconnects and resumes)');
  socket.terminate();
}
