/**
 * Baseline for message throughput and latency: a bare `ws` echo server doing one prepared better-sqlite3
 * INSERT per message (its own transaction) in WAL with synchronous=FULL, then sending the frame back.
 * The physical limit Parley is compared with. Env: PORT, DB (file path).
 * With HISTORY_DB (a seeded Parley database) a frame `{"resume":"<conversation id>"}` is answered instead
 * with that conversation's messages, one JSON frame each, then `{"type":"replayed"}`: the history baseline.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(join(root, 'apps/server/package.json'));
const { WebSocketServer } = require('ws');
const Database = require('better-sqlite3');

const db = new Database(process.env.DB);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, connection INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)');
const insert = db.prepare('INSERT INTO messages (connection, body, created_at) VALUES (?, ?, ?)');

const history = process.env.HISTORY_DB ? new Database(process.env.HISTORY_DB, { readonly: true }) : null;
const after = history?.prepare('SELECT * FROM messages WHERE conversation_id = ? AND seq > 0 AND internal = 0 ORDER BY seq LIMIT 500');

let next = 0;
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT), maxPayload: 64 * 1024 });
server.on('connection', (socket) => {
  const connection = (next += 1);
  socket.on('message', (data) => {
    if (after && data[0] === 123 /* { */ && data[2] === 114 /* r */) {
      for (const row of after.all(JSON.parse(String(data)).resume)) socket.send(JSON.stringify({ type: 'message.created', message: row }));
      socket.send('{"type":"replayed"}');
      return;
    }
    insert.run(connection, String(data), Date.now());
    socket.send(data, { binary: false });
  });
});
server.on('listening', () => process.send?.({ type: 'listening' }));
process.on('SIGTERM', () => server.close(() => {
  db.close();
  process.exit(0);
}));
