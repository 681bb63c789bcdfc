/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): what one background search batch
 * (300 queued messages, messages/search-index.ts) costs on a store that already holds `--messages` messages,
 * with the index statement as shipped and with the plain JOIN it had before (SQLite then walked every stored
 * message up to the batch's end).
 * Run: node scripts/bench/search-batch-cost.mjs [--messages 1000000] (needs the built server, which migrates).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedHistory } from './lib/history.mjs';
import { defaultSite, openDatabase, seedAgents, startParley } from './lib/processes.mjs';
import { parseArgs } from './lib/stats.mjs';

const args = parseArgs(process.argv.slice(2));
const stored = Number(args.messages ?? 1_000_000);
const SHIPPED = 'FROM search_queue q CROSS JOIN messages m ON m.rowid = q.message_rowid';
const BEFORE = 'FROM search_queue q JOIN messages m ON m.rowid = q.message_rowid';
const dir = mkdtempSync(join(tmpdir(), 'parley-search-batch-'));
try {
  await (await startParley(dir)).stop(); // creates and migrates parley.db
  const db = openDatabase(join(dir, 'parley.db'));
  const site = defaultSite(db);
  const [agent] = seedAgents(db, 's', 1);
  seedHistory(db, { siteId: site.id, agentId: agent.id, prefix: 's', conversations: stored / 10, perConversation: 10 });
  const add = db.prepare(
    "INSERT INTO messages (id, conversation_id, seq, client_id, author_type, author_id, author_name, body, internal, created_at) VALUES (?, 'sc1', ?, ?, 'visitor', 'sv1', NULL, 'Do you ship these boots to Oslo?', 0, ?)",
  );
  const last = db.prepare('SELECT max(message_rowid) AS upTo FROM search_queue');
  const forget = db.prepare('DELETE FROM search_queue WHERE message_rowid <= ?');
  let n = 100;
  for (const [label, from] of [['as shipped (CROSS JOIN)', SHIPPED], ['before (JOIN)', BEFORE]]) {
    const index = db.prepare(`INSERT INTO messages_fts(rowid, body) SELECT m.rowid, m.body ${from} WHERE q.message_rowid <= ?`);
    const times = [];
    for (let round = 0; round < 5; round += 1) {
      db.transaction(() => {
        for (let i = 0; i < 300; i += 1) add.run(`sx${(n += 1)}`, n, `sk${n}`, Date.now());
      })();
      const { upTo } = last.get();
      const started = performance.now();
      db.transaction(() => {
        index.run(upTo);
        forget.run(upTo);
      })();
      times.push((performance.now() - started).toFixed(1));
    }
    console.log(`${label.padEnd(24)} one batch of 300 with ${stored.toLocaleString('en')} stored: ${times.join(' / ')} ms`);
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
