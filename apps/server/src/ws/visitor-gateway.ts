/**
 * The visitor socket (`/ws/visitor?site=KEY`). The handshake is refused unless the page's Origin may use
 * the site. The first frame must be `session.auth` with the visitor token; after that each frame is
 * parsed and handed to the chat service. The gateway holds no rules of its own.
 */
import {
  AUTH_TIMEOUT_MS,
  CLOSE_CODES,
  PROTOCOL_VERSION,
  frameTypes,
  parseFrame,
  visitorCommand,
  type VisitorCommand,
} from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type WebSocket from 'ws';
import { findSiteByKey, getSite, originAllowed, type Site } from '../sites/sites';
import { identifyVisitor, recordPageView, setVisitorAttributes, setVisitorContext, visitorProfile } from '../visitors/profile';
import { findVisitorByToken, touchVisitor, type Visitor } from '../visitors/visitors';
import { TOPICS } from '../hub/hub';
import { TokenBuckets } from '../fallback/token-bucket';
import { getVisitor } from '../visitors/visitors';
import { frameText, peerOf, send, sendError, sendFailure, sendReplay } from './socket';
import { reportCutsTo } from './send-buffer';

const VISITOR_FRAME_TYPES = frameTypes(visitorCommand);
/** Messages per visitor (all their tabs together): a burst of 20, then 5 a second. */
export const MESSAGE_RATE = { burst: 20, perSecond: 5 };
/**
 * Frames of any kind per socket: a burst of 100, then 50 a second — far above what the widget sends.
 * Past it the server stops reading the socket for a while (TCP pushes back on the sender), so a flood
 * costs the server nothing and other shoppers are not slowed down.
 */
export const FRAME_RATE = { burst: 100, perSecond: 50 };
const sites = new WeakMap<FastifyRequest, Site>();

type Rate = { burst: number; perSecond: number };

export async function visitorGateway(app: FastifyInstance, options: { messageRate?: Rate; frameRate?: Rate }): Promise<void> {
  const rate = options.messageRate ?? MESSAGE_RATE;
  const frameRate = options.frameRate ?? FRAME_RATE;
  const messageLimiter = new TokenBuckets(rate.burst, rate.perSecond);
  app.get(
    '/ws/visitor',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const key = (request.query as Record<string, unknown>).site;
        const site = typeof key === 'string' ? findSiteByKey(app.store, key) : undefined;
        if (!site) return reply.code(404).send({ error: { code: 'site_not_found', message: 'No site has that key.' } });
        if (!originAllowed(site, request.headers.origin)) {
          return reply.code(403).send({ error: { code: 'origin_not_allowed', message: 'This origin may not connect.' } });
        }
        sites.set(request, site);
      },
    },
    (socket, request) => {
      const site = sites.get(request);
      if (site) new VisitorConnection(app, socket, site, request, messageLimiter, frameRate).start();
      else socket.close(CLOSE_CODES.policy, 'no site');
    },
  );
}

class VisitorConnection {
  private visitor: Visitor | undefined;
  private readonly peer;
  private authTimer: NodeJS.Timeout | undefined;
  private readonly frames: TokenBuckets;
  private pausedUntil = 0;

  constructor(
    private readonly app: FastifyInstance,
    private readonly socket: WebSocket,
    private readonly site: Site,
    private readonly request: FastifyRequest,
    private readonly messageLimiter: TokenBuckets,
    frameRate: Rate,
  ) {
    this.peer = peerOf(socket);
    reportCutsTo(socket, request.log);
    this.frames = new TokenBuckets(frameRate.burst, frameRate.perSecond);
  }

  start(): void {
    this.authTimer = setTimeout(() => {
      if (!this.visitor) this.socket.close(CLOSE_CODES.unauthorized, 'authenticate first');
    }, AUTH_TIMEOUT_MS);
    this.socket.on('message', (data, isBinary) => this.receive(frameText(data, isBinary)));
    this.socket.on('close', () => {
      clearTimeout(this.authTimer);
      if (this.visitor) this.app.connections.removeVisitor(this.visitor.id, this.peer);
    });
  }

  private receive(text: string | undefined): void {
    if (!this.frames.take('socket')) return this.throttle();
    if (text === undefined) return sendError(this.socket, 'invalid_frame', 'Frames are JSON text.');
    const parsed = parseFrame(visitorCommand, VISITOR_FRAME_TYPES, text);
    if (!parsed.ok) return sendError(this.socket, parsed.code, parsed.message, parsed.ref);
    const frame = parsed.frame;
    const ref = 'clientId' in frame ? frame.clientId : frame.ref;
    try {
      if (frame.type === 'session.auth') return this.authenticate(frame);
      if (!this.visitor) return sendError(this.socket, 'not_authenticated', undefined, ref);
      this.handle(this.visitor, frame);
    } catch (error) {
      sendFailure(this.socket, error, ref, this.request.log);
    }
  }

  /** Too many frames: say so once, then stop reading this socket until its budget has refilled. */
  private throttle(): void {
    if (Date.now() < this.pausedUntil) return;
    const pauseMs = 2000;
    this.pausedUntil = Date.now() + pauseMs;
    sendError(this.socket, 'rate_limited', 'Too many frames; this connection is paused for 2 seconds.');
    this.socket.pause();
    setTimeout(() => {
      if (this.socket.readyState === this.socket.OPEN) this.socket.resume();
    }, pauseMs).unref();
  }

  private authenticate(frame: Extract<VisitorCommand, { type: 'session.auth' }>): void {
    if (this.visitor) return sendError(this.socket, 'already_authenticated', undefined, frame.ref);
    if (frame.protocol !== PROTOCOL_VERSION) return sendError(this.socket, 'unsupported_protocol', undefined, frame.ref);
    const visitor = findVisitorByToken(this.app.store, frame.token);
    if (!visitor || visitor.siteId !== this.site.id) {
      sendError(this.socket, 'invalid_token', undefined, frame.ref);
      this.socket.close(CLOSE_CODES.unauthorized, 'invalid token');
      return;
    }
    clearTimeout(this.authTimer);
    this.visitor = visitor;
    const context = { userAgent: this.request.headers['user-agent']?.slice(0, 512), locale: frame.locale, timezone: frame.timezone };
    // Last seen and the browser's context ride in the group commit: a reconnect storm after a deploy
    // shares fsyncs instead of queueing two per shopper. Nothing waits for them.
    this.app.chat.commits.enqueue(
      () => {
        touchVisitor(this.app.store, visitor.id);
        setVisitorContext(this.app.store, visitor.id, context);
      },
      (outcome) => {
        if (!outcome.ok) this.request.log.error({ err: outcome.error }, 'could not record the visitor context');
      },
    );
    this.app.connections.addVisitor(visitor.id, this.peer);
    const active = this.app.conversations.activeOf(visitor.id);
    send(this.socket, {
      type: 'session.ready',
      protocol: PROTOCOL_VERSION,
      visitorId: visitor.id,
      conversations: active ? [this.app.conversations.view(active)] : [],
      ...(frame.ref ? { ref: frame.ref } : {}),
    });
  }

  private handle(visitor: Visitor, frame: Exclude<VisitorCommand, { type: 'session.auth' }>): void {
    const { chat } = this.app;
    switch (frame.type) {
      case 'message.send':
        if (!this.messageLimiter.take(visitor.id)) {
          return sendError(this.socket, 'rate_limited', 'Too many messages; this one was not stored. Send it again in a moment.', frame.clientId);
        }
        return chat.visitorSend(visitor, frame, (error, ack) =>
          error ? sendFailure(this.socket, error, frame.clientId, this.request.log) : ack && send(this.socket, ack),
        );
      case 'conversation.resume': {
        const conversation = chat.ownConversation(visitor, frame.conversationId);
        return sendReplay(this.socket, chat.replay(conversation, frame.lastSeq, false, frame.ref), frame.ref, this.request.log, (done) => chat.commits.whenDurable(done));
      }
      case 'typing.start':
      case 'typing.stop':
        return chat.typing(chat.ownConversation(visitor, frame.conversationId), { type: 'visitor', id: visitor.id, name: visitor.name }, frame.type === 'typing.start');
      case 'read.mark':
        return chat.markRead(() => chat.ownConversation(visitor, frame.conversationId), 'visitor', frame.seq, (error) => this.settled(error, frame.ref));
      case 'conversation.end':
        return chat.endByVisitor(visitor, frame.conversationId, (error) => this.settled(error, frame.ref));
      case 'ping':
        return send(this.socket, { type: 'pong', ...(frame.ref ? { ref: frame.ref } : {}) });
      case 'conversation.rate':
        return chat.rate(visitor, frame.conversationId, frame.score, frame.comment ?? null, (error) => this.settled(error, frame.ref));
      case 'conversation.transcript':
        this.app.fallback.sendTranscript(chat.ownConversation(visitor, frame.conversationId), frame.email);
        return this.ok(frame.ref);
      // What the widget says on every page load (the page, who the shopper is, the cart) joins the group
      // commit: shoppers browsing share fsyncs instead of each holding the event loop for one.
      case 'page.view':
        return this.stored(frame.ref, () => recordPageView(this.app.store, visitor.id, frame.page), (changed) => changed && this.publishProfile(visitor.id));
      case 'visitor.attributes':
        return this.stored(frame.ref, () => setVisitorAttributes(this.app.store, visitor.id, frame.attributes), () => this.publishProfile(visitor.id));
      case 'visitor.identify': {
        const site = getSite(this.app.store, this.site.id) ?? this.site;
        // The visitor is re-read inside the batch, so a message queued right behind carries the new name.
        const identify = () => (identifyVisitor(this.app.store, site, visitor, frame), this.refreshVisitor());
        return this.stored(frame.ref, identify, () => this.publishProfile(visitor.id), () => this.refreshVisitor());
      }
    }
  }

  /** Stores `write` through the group commit; once durable, `then` runs and the command is answered. */
  private stored<T>(ref: string | undefined, write: () => T, then: (value: T) => unknown, failed?: () => void): void {
    this.app.chat.commits.enqueue(write, (outcome) => {
      if (!outcome.ok) {
        failed?.();
        return this.settled(outcome.error, ref);
      }
      then(outcome.value);
      this.ok(ref);
    });
  }

  /** Re-reads the visitor after a change to their name or email, so new messages carry it (in place: queued writes hold it). */
  private refreshVisitor(): void {
    const fresh = this.visitor && getVisitor(this.app.store, this.visitor.id);
    if (fresh) Object.assign(this.visitor!, fresh);
  }

  private publishProfile(visitorId: string): void {
    const profile = visitorProfile(this.app.store, visitorId);
    if (profile) this.app.hub.publish(TOPICS.chat, { kind: 'visitor', profile });
  }

  private ok(ref: string | undefined): void {
    if (ref) send(this.socket, { type: 'ok', ref });
  }

  /** Answers a command that went through the group commit. */
  private settled(error: unknown, ref: string | undefined): void {
    if (error) sendFailure(this.socket, error, ref, this.request.log);
    else this.ok(ref);
  }
}
