import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
};

describe('console outbox', () => {
  it('keeps unsent replies across a reload until they are acknowledged', () => {
    const storage = memory();
    const first = new Outbox('outbox.agent1', storage);
    first.add({ clientId: 'k1', conversationId: 'c1', text: 'On its way', internal: false, createdAt: 1 });
    first.add({ clientId: 'k2', conversationId: 'c2', text: 'Note', internal: true, createdAt: 2 });
    const reloaded = new Outbox('outbox.agent1', storage);
    expect(reloaded.forConversation('c1').map((e) => e.text)).toEqual(['On its way']);
    reloaded.remove('k1');
    expect(new Outbox('outbox.agent1', storage).all().map((e) => e.clientId)).toEqual(['k2']);
    expect(new Outbox('outbox.agent2', storage).all()).toEqual([]);
  });

  it('survives garbage in storage', () => {
    const storage = memory();
    storage.setItem('x', '{not json');
    expect(new Outbox('x', storage).all()).toEqual([]);
  });
});
