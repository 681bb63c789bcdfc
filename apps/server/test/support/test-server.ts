/**
 * Test harness: a real Parley server on an ephemeral port over a real SQLite file in a temp folder,
 * restartable on the same file, plus helpers to get a visitor or an agent connected.
 */
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig } from '../../src/app';
import { createAgent } from '../../src/agents/agents';
import { SESSION_COOKIE, startSession } from '../../src/auth/agent-sessions';
import { tempDir } from './temp-dir';
import { TestSocket } from './test-socket';

export class TestServer {
  app!: FastifyInstance;
  port = 0;

  private constructor(
    readonly dataDir: string,
    private readonly options: Partial<AppConfig>,
  ) {}

  /** Starts a server on a new temp folder, or on `dataDir` to reuse a database. */
  static async start(dataDir = tempDir('test'), options: Partial<AppConfig> = {}): Promise<TestServer> {
    const server = new TestServer(dataDir, options);
    await server.listen();
    return server;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get siteKey(): string {
    return this.app.defaultSite.key;
  }

  /** Stops and starts again on the same database file and port. */
  async restart(): Promise<void> {
    await this.close();
    await this.listen(this.port);
  }

  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.close();
    if (!options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Closes the app. A close that takes over 3 s says what is still open (a rare teardown hang has been
   * seen once in a while; this is what to look at when it comes back).
   */
  private async close(): Promise<void> {
    const slow = setTimeout(() => {
      this.app.server.getConnections((_error, connections) => {
        const sockets = this.app.websocketServer.clients.size;
        // With no connection left and the database still open, the wait is in the onClose hooks (the group
        // commit's drain, the mail outbox, the database's last checkpoint on a busy disk).
        const database = this.app.store.sqlite.open ? 'still open' : 'closed';
        console.warn(`TestServer on port ${this.port}: still closing after 3 s, ${connections} HTTP connection(s) and ${sockets} WebSocket(s) open, database ${database}`);
      });
    }, 3000);
    try {
      await this.app.close();
    } finally {
      clearTimeout(slow);
    }
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), origin: this.origin, ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : undefined };
  }

  /** A new visitor's token, from the public endpoint. */
  async newVisitorToken(): Promise<{ token: string; visitorId: string }> {
    const response = await this.request('POST', '/api/v1/visitor/sessions', { siteKey: this.siteKey });
    if (response.status !== 201) throw new Error(`visitor session failed: ${response.status}`);
    return response.body;
  }

  /** A visitor socket, authenticated (session.ready already taken from its frames). */
  /** A visitor's socket, authenticated (with the widget's `locale` when given). */
  async connectVisitor(token?: string, locale?: string): Promise<{ socket: TestSocket; token: string; visitorId: string }> {
    const credentials = token ? { token, visitorId: '' } : await this.newVisitorToken();
    const socket = await TestSocket.open(`ws://127.0.0.1:${this.port}/ws/visitor?site=${this.siteKey}`, {
      origin: 'https://shop.example',
    });
    socket.send({ type: 'session.auth', token: credentials.token, protocol: 1, ...(locale ? { locale } : {}) });
    const ready = await socket.next('session.ready');
    return { socket, token: credentials.token, visitorId: ready.visitorId ?? '' };
  }

  /** Creates an agent directly and returns a session cookie for them. */
  async newAgent(input: { name?: string; capacity?: number; role?: 'admin' | 'agent' } = {}): Promise<{ cookie: string; agentId: string }> {
    const name = input.name ?? 'Ana';
    const agent = await createAgent(this.app.store, {
      name,
      email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@shop.example`,
      password: 'a long password',
      role: input.role ?? 'agent',
      ...(input.capacity === undefined ? {} : { capacity: input.capacity }),
    });
    return { cookie: `${SESSION_COOKIE}=${startSession(this.app.store, agent.id)}`, agentId: agent.id };
  }

  /** An agent online and a shopper whose first message, `text`, started a chat the agent was given. */
  async assignedChat(text = 'Hello', agentInput: { name?: string; capacity?: number } = {}) {
    const { cookie, agentId } = await this.newAgent(agentInput);
    const agent = await this.connectAgent(cookie);
    const visitor = await this.connectVisitor();
    visitor.socket.send({ type: 'message.send', clientId: 'v-1', text });
    const { conversationId } = await visitor.socket.next('message.ack');
    await agent.next('conversation.assigned');
    return { cookie, agentId, agent, visitor, conversationId };
  }

  /** An agent socket (session.ready already taken). Agents come online when their console connects. */
  async connectAgent(cookie: string): Promise<TestSocket> {
    const socket = await TestSocket.open(`ws://127.0.0.1:${this.port}/ws/agent`, { origin: this.origin, cookie });
    await socket.next('session.ready');
    return socket;
  }

  private async listen(port = 0): Promise<void> {
    this.app = await buildApp({ publicUrl: 'http://parley.test', ...this.options, dataDir: this.dataDir });
    await this.app.listen({ port, host: '127.0.0.1' });
    const address = this.app.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
  }
}
