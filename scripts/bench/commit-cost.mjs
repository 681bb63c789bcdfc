/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): the cost of Parley's per-message
 * storage transaction against the baseline's one-row insert, on a migrated Parley database in a temp dir, with
 * and without the FTS5 trigger, batched 10 messages per commit, and with synchronous=NORMAL for scale.
 * Run: node scripts/bench/commit-cost.mjs (needs the built server, which migrates the database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSite, openDatabase, seedVisitors, startParley } from './lib/processes.mjs';

const dir = mkdtempSync(join(tmpdir(), 'parley-commit-cost-'));
try {
  await (await startParley(dir)).stop(); // creates and migrates parley.db
  const db = openDatabase(join(dir, 'parley.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const site = defaultSite(db);
  seedVisitors(db, site.id, 'x', 0, 100);
  const now = Date.now();
  const conversation = db.prepare("INSERT INTO conversations (id, site_id, visitor_id, status, created_at, queued_at) VALUES (?, ?, ?, 'open', ?, ?)");
  for (let i = 0; i < 100; i += 1) conversation.run(`xc${i}`, site.id, `xv${i}`, now, now);

  // The statements ChatService.visitorSend runs (messages/message-log.ts, conversations/conversations.ts).
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
    const i = n % 100;
    n += 1;
    find.get(`xv${i}`, `k${n}`);
    active.get(`xv${i}`);
    const seq = bump.get(`xc${i}`).lastSeq;
    insert.run(`xm${n}`, `xc${i}`, seq, `k${n}`, `xv${i}`, text, Date.now());
  };
  const perMessage = db.transaction(storeOne);
  const tenPerCommit = db.transaction(() => {
    for (let j = 0; j < 10; j += 1) storeOne();
  });
  db.exec('CREATE TABLE baseline (id INTEGER PRIMARY KEY, connection INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)');
  const baseline = db.prepare('INSERT INTO baseline (connection, body, created_at) VALUES (?, ?, ?)');

  const time = (label, fn, count = 2000) => {
    const t0 = performance.now();
    for (let i = 0; i < count; i += 1) fn();
    const ms = performance.now() - t0;
    console.log(`${label.padEnd(52)} ${((count / ms) * 1000).toFixed(0).padStart(6)} commits/s  ${(ms / count).toFixed(3)} ms each`);
  };
  for (let round = 0; round < 2; round += 1) {
    time('baseline: one-row insert', () => baseline.run(1, text, Date.now()));
    time('Parley visitorSend transaction', perMessage);
  }
  const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'messages_fts_insert'").get().sql;
  db.exec('DROP TRIGGER messages_fts_insert');
  time('Parley visitorSend transaction, no FTS5 trigger', perMessage);
  db.exec(trigger);
  time('Parley, 10 messages per commit (×10 messages)', tenPerCommit, 200);
  db.pragma('synchronous = NORMAL');
  time('Parley visitorSend transaction, synchronous=NORMAL', perMessage);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
