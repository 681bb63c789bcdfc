/**
 * Messages the shopper wrote that the server has not acknowledged yet. Kept in storage, so they survive a
 * reload, and sent again in order on every connect; the server stores each client id once.
 */
import type { PageContext } from '@parley/protocol';
import type { WidgetStorage } from './storage';

export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: number;
  page?: PageContext;
}

const KEY = 'outbox';

export class Outbox {
  constructor(private readonly storage: WidgetStorage) {}

  entries(): OutboxEntry[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.get(KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed.filter(isEntry) as OutboxEntry[]) : [];
    } catch {
      return [];
    }
  }

  add(entry: OutboxEntry): void {
    const entries = this.entries();
    if (!entries.some((existing) => existing.clientId === entry.clientId)) this.save([...entries, entry]);
  }

  remove(clientId: string): void {
    const entries = this.entries();
    const kept = entries.filter((entry) => entry.clientId !== clientId);
    if (kept.length !== entries.length) this.save(kept);
  }

  clear(): void {
    this.storage.remove(KEY);
  }

  private save(entries: OutboxEntry[]): void {
    if (entries.length === 0) this.storage.remove(KEY);
    else this.storage.set(KEY, JSON.stringify(entries));
  }
}

function isEntry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.clientId === 'string' && typeof entry.text === 'string' && typeof entry.createdAt === 'number';
}
