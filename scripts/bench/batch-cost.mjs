/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): the main-thread cost per message
 * of Parley's storage work under the group commit (synchronous=NORMAL, the fsync is off the event loop), by
 * batch size, with and without a savepoint per message and with and without the FTS5 insert trigger.
 * Run: node scripts/bench/batch-cost.mjs (needs the built server, which migrates the database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSite, openDatabase, seedVisitors, startParley } from './lib/processes.mjs';

const CONVERSATIONS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'parley-batch-cost-'));
try {
  await (await startParley(dir)).stop(); // creates and migrates parley.db
  const db = openDatabase(join(dir, 'parley.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const site = defaultSite(db);
  seedVisitors(db, site.id, 'x', 0, CONVERSATIONS);
  const now = Date.now();
  const conversation = db.prepare("INSERT INTO conversations (id, site_id, visitor_id, status, created_at, queued_at) VALUES (?, ?, ?, 'open', ?, ?)");
  for (let i = 0; i < CONVERSATIONS; i += 1) conversation.run(`xc${i}`, site.id, `xv${i}`, now, now);
  const find = db.prepare(
    "SELECT m.id FROM conversations c JOIN messages m ON m.conversation_id = c.id WHERE c.visitor_id = ? AND m.client_id = ? AND m.author_type = 'visitor'",
  );
  const active = db.prepare(
    "SELECT c.*, a.name FROM conversations c LEFT JOIN agents a ON a.id = c.assigned_agent_id WHERE c.visitor_id = ? AND c.status != 'closed' ORDER BY c.created_at DESC LIMIT 1",
  );
  const bump = db.prepare('UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq AS lastSeq');
  const insert = db.prepare(
    "INSERT INTO messages (id, conversation_id, seq, client_id, author_type, author_id, author_name, body, internal, page_url, page_title, created_at, bot_kind, faq_entry_id) VALUES (?, ?, ?, ?, 'visitor', ?, NULL, ?, 0, NULL, NULL, ?, NULL, NULL)",
  );
  const text = 'b1 123456789 Hi! Do you ship this jacket to Canada, and how long does delivery usually take?';
  let n = 0;
  const storeOne = () => {
    const i = Math.floor(Math.random() * CONVERSATIONS);
    n += 1;
    find.get(`xv${i}`, `k${n}`);
    active.get(`xv${i}`);
    const seq = bump.get(`xc${i}`).lastSeq;
    insert.run(`xm${n}-${Math.random().toString(36).slice(2)}`, `xc${i}`, seq, `k${n}`, `xv${i}`, text, Date.now());
  };
  const savepointed = db.transaction(storeOne);
  const run = (label, size, savepoint, messages = 20_000) => {
    const batch = db.transaction(() => {
      for (let j = 0; j < size; j += 1) (savepoint ? savepointed : storeOne)();
    });
    const t0 = performance.now();
    for (let k = 0; k < messages / size; k += 1) batch();
    const us = ((performance.now() - t0) * 1000) / messages;
    console.log(`${label.padEnd(40)} batch ${String(size).padStart(3)}: ${us.toFixed(1).padStart(6)} µs per message`);
  };
  for (const size of [1, 4, 16, 64]) run('savepoint each, FTS5 trigger', size, true);
  for (const size of [1, 16]) run('no savepoint, FTS5 trigger', size, false);
  db.exec('DROP TRIGGER messages_fts_insert');
  for (const size of [1, 16]) run('savepoint each, no FTS5 trigger', size, true);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
