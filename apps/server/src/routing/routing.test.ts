import { describe, expect, it } from 'vitest';
import { pickAgent, type Candidate } from './routing';

const candidate = (id: string, openCount: number, capacity = 5, lastAssignedAt: number | null = null, createdAt = 0): Candidate => ({
  agent: { id, capacity, lastAssignedAt, createdAt },
  openCount,
});

describe('pickAgent', () => {
  it('picks the agent with the fewest open chats', () => {
    expect(pickAgent([candidate('a', 3), candidate('b', 1), candidate('c', 2)])?.agent.id).toBe('b');
  });

  it('breaks ties by who was assigned least recently, never-assigned first', () => {
    expect(pickAgent([candidate('a', 1, 5, 200), candidate('b', 1, 5, 100)])?.agent.id).toBe('b');
    expect(pickAgent([candidate('a', 1, 5, 100), candidate('b', 1, 5, null)])?.agent.id).toBe('b');
  });

  it('skips agents at capacity and returns nobody when all are full', () => {
    expect(pickAgent([candidate('a', 0, 0), candidate('b', 4, 5)])?.agent.id).toBe('b');
    expect(pickAgent([candidate('a', 1, 1), candidate('b', 5, 5)])).toBeUndefined();
    expect(pickAgent([])).toBeUndefined();
  });
});
