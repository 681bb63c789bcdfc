import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../chat/group-commit';
import { Conversations } from '../conversations/conversations';
import { ensureDefaultSite } from '../sites/sites';
import { openStore, type Store } from '../store/database';
import { createVisitor } from '../visitors/visitors';
import { MessageLog } from './message-log';
import { INDEX_QUEUED, SearchIndex } from './search-index';
import { tempDir } from '../../test/support/temp-dir';

describe('SearchIndex', () => {
  let store: Store;
  let index: SearchIndex;
  let write: (text: string) => string;
  beforeEach(() => {
    store = openStore(join(tempDir('search'), 'parley.db'));
    index = new SearchIndex(store.sqlite);
    const { site } = ensureDefaultSite(store);
    const { visitor } = createVisitor(store, site);
    const conversations = new Conversations(store.sqlite);
    const messages = new MessageLog(store.sqlite);
    const conversationId = conversations.create(site.id, visitor.id, Date.now());
    let n = 0;
    write = (text) =>
      messages.append({
        conversationId,
        seq: conversations.nextSeq(conversationId, Date.now()),
        clientId: `c${(n += 1)}`,
        author: { type: 'visitor', id: visitor.id, name: null },
        text,
        internal: false,
        page: null,
        createdAt: Date.now(),
      }).id;
  });
  afterEach(() => {
    index.stop();
    store.close();
  });
  const found = (word: string) =>
    (store.sqlite.prepare('SELECT m.id FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid WHERE messages_fts MATCH ?').all(word) as { id: string }[]).map((row) => row.id);
  const queued = () => (store.sqlite.prepare('SELECT count(*) AS n FROM search_queue').get() as { n: number }).n;
  /** FTS5's own check; `againstMessages` also compares it with every stored message (so nothing may be queued). */
  const intact = (againstMessages = true) =>
    store.sqlite.exec(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', ${againstMessages ? 1 : 0})`);

  it('queues new messages and indexes them all before a search', () => {
    const boots = write('Are these boots waterproof?');
    const scarf = write('Do you ship scarves to Oslo?');
    expect(queued()).toBe(2);
    expect(found('boots')).toEqual([]);
    index.catchUp();
    expect(queued()).toBe(0);
    expect(found('boots')).toEqual([boots]);
    expect(found('ship')).toEqual([scarf]);
    intact();
  });

  it('indexes in batches in the background through the group commit', async () => {
    const ids = Array.from({ length: 700 }, (_, i) => write(`parcel number ${i}`));
    index.start(new GroupCommit(store.sqlite), 5);
    for (let i = 0; i < 200 && queued() > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(queued()).toBe(0);
    expect(found('parcel').sort()).toEqual([...ids].sort());
    intact();
  });

  it('keeps the index exact when a message is deleted or edited before or after it is indexed', () => {
    const indexed = write('red umbrella');
    const edited = write('blue umbrella');
    index.catchUp();
    const waiting = write('green umbrella');
    const waitingEdited = write('yellow umbrella');
    const remove = store.sqlite.prepare('DELETE FROM messages WHERE id = ?');
    const edit = store.sqlite.prepare('UPDATE messages SET body = ? WHERE id = ?');
    remove.run(indexed);
    remove.run(waiting);
    edit.run('blue raincoat', edited);
    edit.run('yellow raincoat', waitingEdited);
    expect(queued()).toBe(1);
    intact(false);
    index.catchUp();
    expect(found('umbrella')).toEqual([]);
    expect(found('raincoat').sort()).toEqual([edited, waitingEdited].sort());
    intact();
  });

  it('indexes a batch by walking the queue, so its cost does not grow with the stored history', () => {
    const plan = (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${INDEX_QUEUED}`).all(1) as { detail: string }[]).map((step) => step.detail);
    // The queue is read by its range; each message only by its own rowid (never a range over all messages).
    expect(plan).toEqual([expect.stringMatching(/^SEARCH q USING INTEGER PRIMARY KEY \(rowid<\?\)/), expect.stringMatching(/^SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/)]);
  });
});
