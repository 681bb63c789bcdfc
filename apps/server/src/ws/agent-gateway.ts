/**
 * The agent socket (`/ws/agent`). The handshake needs a live console session cookie and the console's
 * own Origin; then each frame is parsed and handed to the chat service or routing.
 */
import { CLOSE_CODES, PROTOCOL_VERSION, agentCommand, frameTypes, parseFrame, type AgentCommand } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type WebSocket from 'ws';
import { agentsVersion, agentView, getAgent, setAgentStatus, type Agent } from '../agents/agents';
import { agentForSession, SESSION_COOKIE } from '../auth/agent-sessions';
import { consoleOriginAllowed } from '../auth/console-origin';
import { hashToken } from '../auth/secrets';
import { agentSocketSessions } from '../console-api/socket-sessions';
import { ParleyError } from '../errors/parley-error';
import { frameText, peerOf, send, sendError, sendFailure, sendReplay } from './socket';
import { reportCutsTo } from './send-buffer';

const AGENT_FRAME_TYPES = frameTypes(agentCommand);
const sessions = new WeakMap<FastifyRequest, Agent>();

export interface AgentGatewayOptions {
  publicUrl: string;
}

export async function agentGateway(app: FastifyInstance, options: AgentGatewayOptions): Promise<void> {
  app.get(
    '/ws/agent',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (!consoleOriginAllowed(request.headers.origin, request.headers.host, options.publicUrl)) {
          return reply.code(403).send({ error: { code: 'origin_not_allowed', message: 'This origin may not connect.' } });
        }
        const agent = agentForSession(app.store, request.cookies[SESSION_COOKIE]);
        if (!agent) return reply.code(401).send({ error: { code: 'session_required', message: 'Log in first.' } });
        sessions.set(request, agent);
      },
    },
    (socket, request) => {
      const agent = sessions.get(request);
      if (!agent) return;
      const sessionId = hashToken(request.cookies[SESSION_COOKIE] ?? '');
      socket.on('close', agentSocketSessions(app).track(agent.id, sessionId, peerOf(socket)));
      try {
        new AgentConnection(app, socket, agent.id, request).start();
      } catch (error) {
        // Never a silent socket: the console shows "reconnecting" and tries again, or logs in again.
        const ended = error instanceof ParleyError && error.code === 'session_required';
        if (!ended) request.log.error({ err: error }, 'agent socket could not start');
        socket.close(ended ? CLOSE_CODES.sessionEnded : CLOSE_CODES.internalError, ended ? 'session ended' : 'could not start');
      }
    },
  );
}

class AgentConnection {
  private readonly peer;
  private agent: Agent | undefined;
  private agentVersion = -1;

  constructor(
    private readonly app: FastifyInstance,
    private readonly socket: WebSocket,
    private readonly agentId: string,
    private readonly request: FastifyRequest,
  ) {
    this.peer = peerOf(socket);
    reportCutsTo(socket, request.log);
  }

  start(): void {
    const { connections, presence, assignment: routing, conversations } = this.app;
    const first = connections.addAgent(this.agentId, this.peer) === 1;
    this.socket.on('message', (data, isBinary) => this.receive(frameText(data, isBinary)));
    this.socket.on('close', () => {
      if (connections.removeAgent(this.agentId, this.peer) === 0) presence.publish(this.agentId);
    });
    const agent = this.currentAgent();
    send(this.socket, {
      type: 'session.ready',
      protocol: PROTOCOL_VERSION,
      agent: agentView(agent),
      conversations: conversations.listActive().map((conversation) => conversations.view(conversation)),
      agents: presence.all(),
    });
    if (first) {
      presence.publish(this.agentId);
      routing.drain();
    }
  }

  /** The agent as stored now: read again whenever any agent changed (role, name, status, disabled). */
  private currentAgent(): Agent {
    const version = agentsVersion(this.app.store)();
    if (!this.agent || this.agentVersion !== version) {
      this.agent = getAgent(this.app.store, this.agentId);
      this.agentVersion = version;
    }
    const agent = this.agent;
    if (!agent || agent.disabledAt !== null) throw new ParleyError('session_required');
    return agent;
  }

  private receive(text: string | undefined): void {
    if (text === undefined) return sendError(this.socket, 'invalid_frame', 'Frames are JSON text.');
    const parsed = parseFrame(agentCommand, AGENT_FRAME_TYPES, text);
    if (!parsed.ok) return sendError(this.socket, parsed.code, parsed.message, parsed.ref);
    const frame = parsed.frame;
    const ref = 'clientId' in frame ? frame.clientId : frame.ref;
    try {
      this.handle(this.currentAgent(), frame);
    } catch (error) {
      sendFailure(this.socket, error, ref, this.request.log);
    }
  }

  private handle(agent: Agent, frame: AgentCommand): void {
    const { chat, assignment: routing, presence, connections } = this.app;
    switch (frame.type) {
      case 'message.send':
        return chat.agentSend(agent, frame, (error, ack) =>
          error ? sendFailure(this.socket, error, frame.clientId, this.request.log) : ack && send(this.socket, ack),
        );
      case 'conversation.resume': {
        const conversation = chat.agentConversation(frame.conversationId);
        connections.watch(conversation.id, this.peer);
        return sendReplay(this.socket, chat.replay(conversation, frame.lastSeq, true, frame.ref), frame.ref, this.request.log, (done) => chat.commits.whenDurable(done));
      }
      case 'conversation.accept':
        return routing.accept(agent, frame.conversationId, (error) => this.settled(error, frame.ref));
      case 'conversation.close':
        return chat.closeByAgent(agent, frame.conversationId, (error) => this.settled(error, frame.ref));
      case 'conversation.transfer':
        return routing.transfer(agent, frame.conversationId, frame.agentId, (error) => this.settled(error, frame.ref));
      case 'typing.start':
      case 'typing.stop':
        return chat.typing(chat.agentConversation(frame.conversationId), { type: 'agent', id: agent.id, name: agent.name }, frame.type === 'typing.start');
      case 'delivered.mark':
        return chat.markDelivered(() => chat.agentConversation(frame.conversationId), frame.seq, (error) => this.settled(error, frame.ref));
      case 'read.mark':
        return chat.markRead(() => chat.agentConversation(frame.conversationId), 'agent', frame.seq, (error) => this.settled(error, frame.ref));
      case 'agent.status':
        return chat.commits.enqueue(
          () => setAgentStatus(this.app.store, agent.id, frame.status),
          (outcome) => {
            if (!outcome.ok) return this.settled(outcome.error, frame.ref);
            presence.publish(agent.id);
            if (frame.status === 'online') routing.drain();
            this.ok(frame.ref);
          },
        );
      case 'ping':
        return send(this.socket, { type: 'pong', ...(frame.ref ? { ref: frame.ref } : {}) });
    }
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
