/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): the console's Offline view on a store
 * where nobody handled 20,000 offline chats (3 messages each), with the list query as shipped (ordered by
 * `last_activity_at`, off a partial index) and as before migration 0010 (ordered by each row's newest message).
 * Run: node scripts/bench/offline-view-cost.mjs (needs the built server, which migrates the database).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSite, openDatabase, root, seedVisitors, startParley } from './lib/processes.mjs';

const CHATS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'parley-offline-'));
try {
  await (await startParley(dir)).stop(); // creates and migrates parley.db
  const db = openDatabase(join(dir, 'parley.db'));
  const site = defaultSite(db);
  seedVisitors(db, site.id, 'o', 0, CHATS);
  const conversation = db.prepare(
    `INSERT INTO conversations (id, site_id, visitor_id, status, created_at, queued_at, last_seq, last_activity_at, offline_email)
     VALUES (?, ?, ?, 'offline', ?, ?, 3, ?, 'kim@shop.example')`,
  );
  const message = db.prepare(
    "INSERT INTO messages (id, conversation_id, seq, client_id, author_type, body, internal, created_at) VALUES (?, ?, ?, ?, 'visitor', ?, 0, ?)",
  );
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < CHATS; i += 1) {
      const at = now - (CHATS - i) * 60_000; // one a minute, the newest last
      conversation.run(`oc${i}`, site.id, `ov${i}`, at, at, at + 2000);
      for (let seq = 1; seq <= 3; seq += 1) message.run(`om${i}-${seq}`, `oc${i}`, seq, `c${i}-${seq}`, 'Do you restock size 44? Tell me when it is back.', at + (seq - 1) * 1000);
    }
  })();
  // The summary columns exactly as the server selects them.
  const select = readFileSync(join(root, 'apps/server/src/console-api/inbox.ts'), 'utf8').match(/const SELECT = `([\s\S]*?)`;/)[1];
  const orders = [
    ['as before (each row’s newest message)', 'coalesce((SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = c.id), c.created_at) DESC'],
    ['as shipped (last_activity_at, partial index)', 'c.last_activity_at DESC'],
  ];
  for (const [label, order] of orders) {
    const list = db.prepare(`${select} WHERE c.status = 'offline' ORDER BY ${order} LIMIT 200`);
    const ms = [];
    for (let k = 0; k < 30; k += 1) {
      const started = performance.now();
      list.all();
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    console.log(`${label.padEnd(46)} p50 ${ms[15].toFixed(1)} ms, worst ${ms[29].toFixed(1)} ms; newest first: ${list.all()[0].id === `oc${CHATS - 1}`}`);
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
