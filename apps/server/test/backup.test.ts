import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../src/backup/backup';
import { TestServer } from './support/test-server';

describe('online backup', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start(undefined, { messageRate: { burst: 10_000, perSecond: 10_000 }, frameRate: { burst: 100_000, perSecond: 100_000 } })));
  afterEach(async () => server.stop());

  it('takes a snapshot while chats go on; the restored copy has every message acknowledged before it began', async () => {
    const { socket } = await server.connectVisitor();
    const acked = new Set<string>();
    let sending = true;
    const traffic = (async () => {
      for (let i = 0; sending && i < 2000; i += 1) {
        socket.send({ type: 'message.send', clientId: `b-${i}`, text: `order question ${i}` });
        acked.add((await socket.next('message.ack')).clientId);
        if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const before = new Set(acked);
    const file = join(server.dataDir, 'backup.db');
    const result = await backupDatabase(server.app.store, file);
    await new Promise((resolve) => setTimeout(resolve, 200));
    sending = false;
    await traffic;

    expect(before.size).toBeGreaterThan(10);
    // Restore = open the copy as the database file. Every message acknowledged before the backup is in it.
    const restored = new Database(file, { readonly: true });
    try {
      const ids = new Set((restored.prepare("SELECT client_id AS id FROM messages WHERE author_type = 'visitor'").all() as { id: string }[]).map((row) => row.id));
      expect([...before].filter((id) => !ids.has(id))).toEqual([]);
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(result.messages).toBeGreaterThanOrEqual(before.size);
    } finally {
      restored.close();
    }
    // Traffic went on during and after the backup.
    expect(acked.size).toBeGreaterThan(before.size);
    await expect(backupDatabase(server.app.store, file)).rejects.toThrow(/exists already/);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
