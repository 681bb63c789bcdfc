/**
 * The console's outbox: replies not yet acknowledged, kept in localStorage so a reload or a dropped
 * connection loses nothing. Each keeps its client id, so a resend the server already stored is answered
 * with the stored row instead of a duplicate.
 */
export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  text: string;
  internal: boolean;
  createdAt: number;
}

export class Outbox {
  constructor(
    private readonly key: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  ) {}

  all(): OutboxEntry[] {
    try {
      const parsed = JSON.parse(this.storage.getItem(this.key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  add(entry: OutboxEntry): void {
    this.write([...this.all().filter((e) => e.clientId !== entry.clientId), entry]);
  }

  remove(clientId: string): void {
    this.write(this.all().filter((e) => e.clientId !== clientId));
  }

  forConversation(conversationId: string): OutboxEntry[] {
    return this.all().filter((e) => e.conversationId === conversationId);
  }

  private write(entries: OutboxEntry[]): void {
    try {
      this.storage.setItem(this.key, JSON.stringify(entries));
    } catch {
      /* storage full or blocked: the entry still lives in memory until acknowledged */
    }
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as OutboxEntry;
  return typeof entry?.clientId === 'string' && typeof entry.conversationId === 'string' && typeof entry.text === 'string';
}
