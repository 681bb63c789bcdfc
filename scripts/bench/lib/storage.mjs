/**
 * For the storage experiments (commit-cost.mjs, batch-cost.mjs): a migrated Parley database in a temp dir
 * with `conversations` open conversations, and the statements ChatService.visitorSend runs
 * (messages/message-log.ts, conversations/conversations.ts) wrapped as `storeOne()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSite, openDatabase, seedVisitors, startParley } from './processes.mjs';

export const MESSAGE_TEXT = 'b1 123456789 Hi! Do you ship this jacket to Canada, and how long does delivery usually take?';

/** How search was indexed before migration 0008: FTS5 written in every message's transaction. */
export const FTS_PER_MESSAGE = `CREATE TRIGGER old_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, body) VALUES (new.rowid, new.body); DELETE FROM search_queue WHERE message_rowid = new.rowid; END`;

/** Runs `body({ db, storeOne })` on a fresh database, then removes it. */
export async function withParleyDatabase({ conversations, synchronous, pick, pageSize }, body) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-storage-'));
  try {
    await (await startParley(dir)).stop(); // creates and migrates parley.db
    const db = openDatabase(join(dir, 'parley.db'));
    if (pageSize) {
      db.pragma('journal_mode = DELETE');
      db.pragma(`page_size = ${pageSize}`);
      db.exec('VACUUM');
    }
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    const site = defaultSite(db);
    seedVisitors(db, site.id, 'x', 0, conversations);
    const now = Date.now();
    const conversation = db.prepare("INSERT INTO conversations (id, site_id, visitor_id, status, created_at, queued_at) VALUES (?, ?, ?, 'open', ?, ?)");
    for (let i = 0; i < conversations; i += 1) conversation.run(`xc${i}`, site.id, `xv${i}`, now, now);
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
    let n = 0;
    const storeOne = () => {
      const i = pick(n, conversations);
      n += 1;
      find.get(`xv${i}`, `k${n}`);
      active.get(`xv${i}`);
      const seq = bump.get(`xc${i}`).lastSeq;
      insert.run(`${Date.now().toString(36).padStart(9, '0')}x${n}`, `xc${i}`, seq, `k${n}`, `xv${i}`, MESSAGE_TEXT, Date.now());
    };
    await body({ db, storeOne, file: join(dir, 'parley.db') });
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
