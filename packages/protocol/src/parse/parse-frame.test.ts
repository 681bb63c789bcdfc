import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../limits/limits';
import { agentCommand } from '../agent/commands';
import { visitorCommand } from '../visitor/commands';
import { frameTypes, parseFrame } from './parse-frame';

const visitorTypes = frameTypes(visitorCommand);
const parse = (raw: string) => parseFrame(visitorCommand, visitorTypes, raw);

describe('parseFrame', () => {
  it('accepts a valid message and keeps its fields', () => {
    const result = parse(JSON.stringify({ type: 'message.send', clientId: 'c1', text: 'Hi', page: { url: 'https://s.example/p' } }));
    expect(result).toEqual({
      ok: true,
      frame: { type: 'message.send', clientId: 'c1', text: 'Hi', page: { url: 'https://s.example/p' } },
    });
  });

  it('maps each kind of failure to its stable code', () => {
    expect(parse('{nope')).toMatchObject({ ok: false, code: 'bad_json' });
    expect(parse('"text"')).toMatchObject({ ok: false, code: 'invalid_frame' });
    expect(parse('{"type":"conversation.accept","ref":"r"}')).toMatchObject({ ok: false, code: 'unknown_frame', ref: 'r' });
    expect(parse('{"type":"read.mark","conversationId":"c","seq":1.5,"ref":"r"}')).toMatchObject({
      ok: false,
      code: 'invalid_frame',
      ref: 'r',
    });
    const long = JSON.stringify({ type: 'message.send', clientId: 'c2', text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) });
    expect(parse(long)).toMatchObject({ ok: false, code: 'message_too_long', ref: 'c2' });
  });

  it('knows the agent and visitor frame sets apart', () => {
    const agentTypes = frameTypes(agentCommand);
    expect(agentTypes.has('conversation.accept')).toBe(true);
    expect(visitorTypes.has('conversation.accept')).toBe(false);
    expect(visitorTypes.has('session.auth')).toBe(true);
  });

  it('never throws, whatever text arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.object().map((o) => JSON.stringify(o))), (raw) => {
        const result = parse(raw);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated valid frames', () => {
    const frame = fc.record({
      type: fc.constantFrom(...visitorTypes, 'message.sent'),
      clientId: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined)),
      conversationId: fc.oneof(fc.string(), fc.constant(null)),
      text: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      seq: fc.oneof(fc.integer(), fc.double(), fc.string()),
      lastSeq: fc.oneof(fc.integer(), fc.double(), fc.string()),
      token: fc.string(),
      protocol: fc.anything(),
    });
    fc.assert(
      fc.property(frame, (value) => {
        const result = parse(JSON.stringify(value));
        if (!result.ok) expect(result.code).toMatch(/^(invalid_frame|unknown_frame|message_too_long)$/);
      }),
      { numRuns: 2000 },
    );
  });
});
