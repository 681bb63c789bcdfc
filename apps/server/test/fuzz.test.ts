/**
 * Property-based fuzzing of every frame type (visitor and agent sockets) and the public REST bodies,
 * against a real server: thousands of random and mutated inputs. Every error is a defined code (never
 * internal_error), sockets stay open, the server stays up, and memory stays flat across rounds.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { agentCommand, ERROR_CODES, frameTypes, visitorCommand } from '@parley/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';
import type { TestSocket } from './support/test-socket';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** A value of any shape, biased towards the fields frames have. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
  fc.string({ minLength: 3000, maxLength: 5000 }),
);
const FIELDS = ['clientId', 'conversationId', 'text', 'lastSeq', 'seq', 'ref', 'token', 'protocol', 'page', 'internal', 'agentId', 'status', 'attributes', 'score', 'comment', 'email', 'id', 'userHash', 'name'];

function mutatedFrame(types: readonly string[]) {
  return fc.record({
    type: fc.oneof(fc.constantFrom(...types), fc.string({ maxLength: 20 })),
    fields: fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 6 }),
  }).map(({ type, fields }) => JSON.stringify({ ...fields, type }));
}

const rawText = fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.constant('{'), fc.constant('[]'), fc.constant('null'), fc.constant('"x"'));

async function blast(socket: TestSocket, frames: string[]): Promise<void> {
  for (const frame of frames) socket.send(frame);
  await socket.flush();
}

describe('fuzzing', () => {
  let server: TestServer;
  let visitor: TestSocket;
  let agent: TestSocket;

  beforeAll(async () => {
    server = await TestServer.start(undefined, { messageRate: { burst: 100_000, perSecond: 100_000 }, frameRate: { burst: 100_000, perSecond: 100_000 } });
    visitor = (await server.connectVisitor()).socket;
    visitor.send({ type: 'message.send', clientId: 'seed', text: 'a real conversation to aim at' });
    await visitor.next('message.ack');
    agent = await server.connectAgent((await server.newAgent({ role: 'admin' })).cookie);
  });
  afterAll(async () => server.stop());

  it('answers thousands of random and mutated frames with defined errors, on both sockets, and memory stays flat', async () => {
    const visitorFrames = fc.oneof(mutatedFrame([...frameTypes(visitorCommand)]), rawText);
    const agentFrames = fc.oneof(mutatedFrame([...frameTypes(agentCommand)]), rawText);
    const heap: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      await blast(visitor, fc.sample(visitorFrames, { numRuns: 1000, seed: 42 + round }));
      await blast(agent, fc.sample(agentFrames, { numRuns: 1000, seed: 4242 + round }));
      visitor.take('message.created');
      agent.take('message.created');
      gc();
      heap.push(process.memoryUsage().heapUsed);
    }
    for (const socket of [visitor, agent]) {
      const codes = new Set(socket.received.filter((frame) => frame.type === 'error').map((frame) => (frame as { code: string }).code));
      expect(codes.size).toBeGreaterThan(2);
      for (const code of codes) expect(Object.keys(ERROR_CODES)).toContain(code);
      expect(codes.has('internal_error')).toBe(false);
    }
    // Both sockets still work normally.
    visitor.send({ type: 'message.send', clientId: 'after-fuzz', text: 'still here' });
    expect((await visitor.next('message.ack', (ack) => ack.clientId === 'after-fuzz')).duplicate).toBe(false);
    // Rounds 2–4 do the same work as round 1: the heap must not keep growing (allow 15 MB of noise).
    expect(heap[3]! - heap[1]!).toBeLessThan(15 * 1024 * 1024);
  }, 120_000);

  it('answers random REST bodies with 4xx and a stable code, never 5xx', async () => {
    const token = (await server.newVisitorToken()).token;
    const endpoints: Array<[string, Record<string, string>]> = [
      ['/api/v1/visitor/sessions', {}],
      ['/api/v1/setup', {}],
      ['/api/v1/auth/login', {}],
      ['/api/v1/visitor/offline', { authorization: `Bearer ${token}` }],
    ];
    const bodies = fc.sample(
      fc.oneof(
        fc.json(),
        fc.dictionary(fc.constantFrom('siteKey', 'email', 'password', 'name', 'storeName', 'message', 'clientId', 'elapsedMs', 'website'), anyValue),
      ),
      { numRuns: 120, seed: 7 },
    );
    for (const [path, headers] of endpoints) {
      for (const body of bodies) {
        const response = await server.request('POST', path, body, headers);
        expect(response.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        if (response.status >= 400) expect(response.body?.error?.code, `${path} ${JSON.stringify(body)}`).toMatch(/^[a-z_]+$/);
      }
    }
    expect((await server.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
  }, 120_000);
});
