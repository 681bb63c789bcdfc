/**
 * The chat rules: storing messages exactly once, starting and ending conversations, replaying history,
 * typing and read markers. Every write commits first and publishes after; an ack is only ever built
 * from a committed row. Messages go through a group commit: one fsync for all that arrive together.
 * The conversation a write publishes is read inside its batch, as the write left it: a read outside a
 * transaction costs three times one inside (and more under load), and it was two per message.
 */
import type { AgentSend, MessageView, ServerEvent, ServerEventOf, VisitorSend } from '@parley/protocol';
import type { Agent } from '../agents/agents';
import type { Conversation, Conversations } from '../conversations/conversations';
import { ParleyError } from '../errors/parley-error';
import { TOPICS, type Hub } from '../hub/hub';
import type { MessageLog } from '../messages/message-log';
import type { Routing } from '../routing/routing';
import type { FallbackService } from '../fallback/fallback-service';
import { GroupCommit } from './group-commit';
import type { Store } from '../store/database';
import type { Visitor } from '../visitors/visitors';

type Ack = ServerEventOf<'message.ack'>;
const REPLAY_PAGE = 500;
/** In a replay: wait here until everything read so far is durable. */
export const DURABLE = Symbol('durable');

/**
 * The group commit of `store`: messages arriving in one event-loop turn share one commit. Under
 * synchronous=NORMAL (a benchmark's choice) the log is not synced per commit, and SQLite checkpoints.
 */
export function groupCommitOf(store: Store, reportError: (error: unknown) => void): GroupCommit {
  const durable = Number(store.sqlite.pragma('synchronous', { simple: true })) >= 2;
  if (durable) store.checkpoints.takeOver({ onError: reportError });
  return new GroupCommit(store.sqlite, {
    onCallbackError: reportError,
    windowMs: 2,
    ...(durable ? { sync: store.wal.sync, checkpoints: store.checkpoints } : {}),
  });
}

export class ChatService {
  private fallback: FallbackService | null = null;

  constructor(
    /** Messages arriving in one event-loop turn share one commit (`groupCommitOf`). */
    readonly commits: GroupCommit,
    private readonly conversations: Conversations,
    private readonly messages: MessageLog,
    private readonly routing: Routing,
    private readonly hub: Hub,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Connects the FAQ bot and offline email (created after this service, which it depends on). */
  useFallback(fallback: FallbackService): void {
    this.fallback = fallback;
  }

  /**
   * Stores a shopper's message, starting a conversation when they have none open. The write joins the
   * current group commit; `done` gets the ack (or the error) after the commit.
   */
  visitorSend(visitor: Visitor, frame: VisitorSend, done: (error: unknown, ack?: Ack) => void): void {
    this.commits.enqueue(
      () => {
        const existing = this.messages.findVisitorMessage(visitor.id, frame.clientId);
        if (existing) return { message: existing, duplicate: true, started: false } as const;
        const conversation = frame.conversationId
          ? this.ownConversation(visitor, frame.conversationId)
          : this.conversations.activeOf(visitor.id);
        if (conversation?.status === 'closed') throw new ParleyError('conversation_closed');
        const now = this.clock();
        const conversationId = conversation?.id ?? this.conversations.create(visitor.siteId, visitor.id, now);
        const seq = this.conversations.nextSeq(conversationId, now);
        const message = this.messages.append({
          conversationId,
          seq,
          clientId: frame.clientId,
          author: { type: 'visitor', id: visitor.id, name: visitor.name },
          text: frame.text,
          internal: false,
          page: frame.page ?? null,
          createdAt: now,
        });
        // The row as this write left it: read in this transaction, and only its last seq moved since.
        const stored = conversation ? { ...conversation, lastSeq: seq } : this.mustGet(conversationId);
        return { message, duplicate: false, started: conversation === undefined, conversation: stored } as const;
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        const result = outcome.value;
        if (!result.duplicate) {
          const { conversation } = result;
          if (result.started) this.publishConversation('conversation.created', conversation);
          this.hub.publish(TOPICS.chat, { kind: 'message', conversation: this.conversations.view(conversation), message: result.message });
          if (result.started) {
            if (this.fallback) this.fallback.start(conversation, result.message);
            else this.routing.route(conversation.id);
          } else this.fallback?.onVisitorMessage(conversation, result.message);
        }
        done(null, ack(result.message, result.duplicate));
      },
    );
  }

  /** Stores an agent's reply or internal note (in the group commit). Replies need the conversation to be theirs (or an admin). */
  agentSend(agent: Agent, frame: AgentSend, done: (error: unknown, ack?: Ack) => void): void {
    const internal = frame.internal ?? false;
    this.commits.enqueue(
      () => {
        const conversation = this.conversations.get(frame.conversationId);
        if (!conversation) throw new ParleyError('conversation_not_found');
        const existing = this.messages.findByClientId(conversation.id, frame.clientId);
        if (existing) return { message: existing, duplicate: true } as const;
        if (conversation.status === 'closed') throw new ParleyError('conversation_closed');
        if (!internal && conversation.assignedAgentId !== agent.id && agent.role !== 'admin') {
          throw new ParleyError('not_assigned_to_you');
        }
        const now = this.clock();
        const seq = this.conversations.nextSeq(conversation.id, now);
        const message = this.messages.append({
          conversationId: conversation.id,
          seq,
          clientId: frame.clientId,
          author: { type: 'agent', id: agent.id, name: agent.name },
          text: frame.text,
          internal,
          page: null,
          createdAt: now,
        });
        const stored = { ...conversation, lastSeq: seq };
        // A shopper who left their email gets the reply by mail, stored with the reply.
        const mailed = this.fallback?.stageAgentReply(stored, message) ?? false;
        return { message, duplicate: false, conversation: stored, mailed } as const;
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        const result = outcome.value;
        if (!result.duplicate) {
          const { conversation } = result;
          this.hub.publish(TOPICS.chat, { kind: 'message', conversation: this.conversations.view(conversation), message: result.message });
          if (result.mailed) this.fallback?.mailStored();
        }
        done(null, ack(result.message, result.duplicate));
      },
    );
  }

  /** The visitor's conversation with this id; someone else's looks exactly like a missing one. */
  ownConversation(visitor: Visitor, conversationId: string): Conversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || conversation.visitorId !== visitor.id) throw new ParleyError('conversation_not_found');
    return conversation;
  }

  /** The conversation for an agent (agents see every conversation of the store). */
  agentConversation(conversationId: string): Conversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new ParleyError('conversation_not_found');
    return conversation;
  }

  /**
   * A resume's frames: every stored message after `afterSeq`, in order, then `conversation.replayed` with the
   * last seq and the conversation as it is by then. Read a page at a time as the socket takes them (a long
   * history is paced by ws/send-buffer.ts); after each read comes `DURABLE`, where the sender waits until what
   * was read is on disk (a row is visible from its commit, before its fsync ends).
   */
  *replay(conversation: Conversation, afterSeq: number, includeInternal: boolean, ref?: string): Generator<ServerEvent | typeof DURABLE> {
    let last = afterSeq;
    for (;;) {
      const page = this.messages.after(conversation.id, last, { includeInternal, limit: REPLAY_PAGE });
      const done = page.length < REPLAY_PAGE;
      const latest = done ? (this.conversations.get(conversation.id) ?? conversation) : null;
      yield DURABLE;
      for (const message of page) yield { type: 'message.created', message };
      const tail = page.at(-1);
      if (tail) last = tail.seq;
      if (!latest) continue;
      yield {
        type: 'conversation.replayed',
        conversationId: conversation.id,
        lastSeq: Math.max(last, latest.lastSeq),
        conversation: this.conversations.view(latest),
        ...(ref ? { ref } : {}),
      };
      return;
    }
  }

  /** The shopper ends their chat (in the group commit); `done` hears once it is stored. */
  endByVisitor(visitor: Visitor, conversationId: string, done: (error: unknown) => void): void {
    this.close(() => this.ownConversation(visitor, conversationId), done);
  }

  /** An agent closes a chat: their own, any waiting one, or any at all as an admin (in the group commit). */
  closeByAgent(agent: Agent, conversationId: string, done: (error: unknown) => void): void {
    this.close(() => {
      const conversation = this.agentConversation(conversationId);
      if (conversation.status === 'open' && conversation.assignedAgentId !== agent.id && agent.role !== 'admin') {
        throw new ParleyError('not_assigned_to_you');
      }
      return conversation;
    }, done);
  }

  /** The shopper rates a closed chat (again, if they change their mind). */
  /** The shopper rates a closed chat; through the group commit, announced and answered once durable. */
  rate(visitor: Visitor, conversationId: string, score: number, comment: string | null, done: (error: unknown) => void): void {
    this.commits.enqueue(
      () => {
        const conversation = this.ownConversation(visitor, conversationId);
        if (!this.conversations.setRating(conversation.id, score, comment)) throw new ParleyError('conversation_not_closed');
        return this.mustGet(conversation.id);
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        this.publishConversation('conversation.rated', outcome.value);
        done(null);
      },
    );
  }

  typing(conversation: Conversation, author: { type: 'visitor' | 'agent'; id: string; name: string | null }, typing: boolean): void {
    if (conversation.status === 'closed') return;
    this.hub.publish(TOPICS.chat, { kind: 'typing', conversation: this.conversations.view(conversation), author, typing });
  }

  /**
   * An agent's console received the shopper's messages up to `seq`; the shopper sees them as delivered.
   * A console marks every message it receives, so the mark joins the group commit instead of paying an fsync.
   * `find` looks the conversation up (and checks the caller may mark it) inside the batch, where a read is
   * cheap; what it throws is the caller's error.
   */
  markDelivered(find: () => Conversation, seq: number, done: (error: unknown) => void): void {
    this.commits.enqueue(
      () => {
        const conversation = find();
        return { conversation, seq: this.conversations.markDelivered(conversation.id, seq) };
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        const { conversation, seq: delivered } = outcome.value;
        // Only the shopper hears of it, and who the shopper is never changes: no need to read the row again.
        if (delivered !== null) this.hub.publish(TOPICS.chat, { kind: 'delivered', conversation: this.conversations.view(conversation), seq: delivered });
        done(null);
      },
    );
  }

  /** Someone read the conversation up to `seq` (in the group commit, and found by `find`, like the delivered mark). */
  markRead(find: () => Conversation, reader: 'visitor' | 'agent', seq: number, done: (error: unknown) => void): void {
    this.commits.enqueue(
      () => {
        const conversation = find();
        this.conversations.markRead(conversation.id, reader, seq);
        return this.mustGet(conversation.id);
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        const updated = outcome.value;
        const readSeq = reader === 'visitor' ? updated.visitorReadSeq : updated.agentReadSeq;
        this.hub.publish(TOPICS.chat, { kind: 'read', conversation: this.conversations.view(updated), reader, seq: readSeq });
        done(null);
      },
    );
  }

  /**
   * Closes the conversation `find` returns (inside the batch, where a read is cheap; what it throws is the
   * caller's error). Once durable: announced, and the agent's freed slot goes to the queue.
   */
  private close(find: () => Conversation, done: (error: unknown) => void): void {
    this.commits.enqueue(
      () => {
        const conversation = find();
        if (!this.conversations.close(conversation.id, this.clock())) throw new ParleyError('conversation_closed');
        return { closed: this.mustGet(conversation.id), freed: conversation.assignedAgentId };
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        const { closed, freed } = outcome.value;
        this.publishConversation('conversation.closed', closed);
        if (freed) this.routing.freed(freed);
        else this.routing.drain();
        done(null);
      },
    );
  }

  private publishConversation(name: 'conversation.created' | 'conversation.closed' | 'conversation.rated', conversation: Conversation): void {
    this.hub.publish(TOPICS.chat, { kind: 'conversation', name, conversation: this.conversations.view(conversation) });
  }

  private mustGet(id: string): Conversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new Error(`conversation ${id} vanished`);
    return conversation;
  }
}

function ack(message: MessageView, duplicate: boolean): Ack {
  return {
    type: 'message.ack',
    clientId: message.clientId ?? '',
    messageId: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    createdAt: message.createdAt,
    duplicate,
  };
}
