import { describe, expect, it, vi } from 'vitest';
import type { HubEvent } from './events';
import { InProcessHub } from './hub';

const presence = (agentId: string): HubEvent => ({
  kind: 'presence',
  agent: { agentId, name: 'Ana', status: 'online', openCount: 0, capacity: 5 },
});

describe('InProcessHub', () => {
  it('delivers to subscribers of the topic only, in order', () => {
    const hub = new InProcessHub();
    const chat: string[] = [];
    const other: string[] = [];
    hub.subscribe('chat', (event) => chat.push(event.kind === 'presence' ? event.agent.agentId : ''));
    hub.subscribe('other', (event) => other.push(event.kind));
    hub.publish('chat', presence('a1'));
    hub.publish('chat', presence('a2'));
    expect(chat).toEqual(['a1', 'a2']);
    expect(other).toEqual([]);
  });

  it('stops delivering after unsubscribe', () => {
    const hub = new InProcessHub();
    const listener = vi.fn();
    const unsubscribe = hub.subscribe('chat', listener);
    hub.publish('chat', presence('a1'));
    unsubscribe();
    hub.publish('chat', presence('a2'));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const errors: unknown[] = [];
    const hub = new InProcessHub((error) => errors.push(error));
    const after = vi.fn();
    hub.subscribe('chat', () => {
      throw new Error('broken listener');
    });
    hub.subscribe('chat', after);
    hub.publish('chat', presence('a1'));
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
  });
});
