/** Small helpers shared by the two gateways: sending frames and turning failures into error frames. */
import type { ErrorCode, ServerEvent } from '@parley/protocol';
import { ERROR_CODES } from '@parley/protocol';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import WebSocket from 'ws';
import type { Peer } from '../broadcast/connections';
import { ParleyError } from '../errors/parley-error';
import { DURABLE } from '../chat/chat-service';
import { checkSendBuffer, holdIfReplaying, sendPaced, type Pause } from './send-buffer';

export function send(socket: WebSocket, frame: ServerEvent): void {
  sendText(socket, JSON.stringify(frame));
}

/**
 * Sends one frame. Frames to the same socket within one turn of the event loop leave in one write: the
 * TCP socket is corked at the first and uncorked once the turn is done (a busy agent gets dozens of
 * messages a turn; one syscall each was a sixth of the server's time under load).
 */
function sendText(socket: WebSocket, text: string): void {
  if (socket.readyState !== WebSocket.OPEN || holdIfReplaying(socket, text)) return;
  sendNow(socket, text);
}

function sendNow(socket: WebSocket, text: string): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  corkForThisTurn(socket);
  socket.send(text);
  checkSendBuffer(socket);
}

const replays = new WeakMap<WebSocket, Promise<void>>();

/**
 * Sends a replay's frames (read lazily) and then its closing frame, paced by send-buffer.ts, and none before
 * what it read is durable; live frames meanwhile follow it. One replay at a time per socket: a second resume waits for the first. A failure
 * while reading is logged and answered with `internal_error`.
 */
export function sendReplay(
  socket: WebSocket,
  frames: Iterable<ServerEvent | typeof DURABLE>,
  ref: string | undefined,
  log: FastifyBaseLogger,
  /** Calls back once everything committed so far is durable (the group commit's `whenDurable`). */
  whenDurable: (done: () => void) => void,
): void {
  // Nothing read is sent before it is on disk: at each DURABLE, wait for the fsync in flight, if any.
  const untilDurable: Pause = () => {
    let durable = false;
    let resolve: () => void = () => {};
    const waiting = new Promise<void>((done) => (resolve = done));
    whenDurable(() => {
      durable = true;
      resolve();
    });
    return durable ? null : waiting;
  };
  const texts = (function* () {
    for (const frame of frames) yield frame === DURABLE ? untilDurable : JSON.stringify(frame);
  })();
  const run = () =>
    sendPaced(socket, texts, (text) => sendNow(socket, text)).catch((error: unknown) => sendFailure(socket, error, ref, log));
  const before = replays.get(socket);
  const after = before ? before.then(run) : run();
  replays.set(socket, after);
  void after.then(() => {
    if (replays.get(socket) === after) replays.delete(socket);
  });
}

const corked = new Set<Duplex>();

function corkForThisTurn(socket: WebSocket): void {
  // ws keeps its TCP socket as `_socket`; without it (never in practice) frames simply go one by one.
  const tcp = (socket as unknown as { _socket?: Duplex })._socket;
  if (!tcp || corked.has(tcp)) return;
  tcp.cork();
  corked.add(tcp);
  if (corked.size === 1) setImmediate(uncorkAll);
}

function uncorkAll(): void {
  for (const tcp of corked) tcp.uncork();
  corked.clear();
}

export function sendError(socket: WebSocket, code: ErrorCode, message?: string, ref?: string): void {
  send(socket, { type: 'error', code, message: message ?? ERROR_CODES[code].message, ...(ref ? { ref } : {}) });
}

/** Answers a failed command: a ParleyError with its code, anything else as internal_error (and logged). */
export function sendFailure(socket: WebSocket, error: unknown, ref: string | undefined, log: FastifyBaseLogger): void {
  if (error instanceof ParleyError) {
    sendError(socket, error.code, error.message, ref);
    return;
  }
  log.error({ err: error }, 'socket command failed');
  sendError(socket, 'internal_error', undefined, ref);
}

/** The registry's view of a socket. */
export function peerOf(socket: WebSocket): Peer {
  return {
    send: (text) => sendText(socket, text),
    close: (code, reason) => socket.close(code, reason),
  };
}

/** Frame text, or undefined for binary frames (which Parley does not use). */
export function frameText(data: WebSocket.RawData, isBinary: boolean): string | undefined {
  if (isBinary) return undefined;
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
