import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TestServer } from '../../test/support/test-server';
import { cli, tempDataDir } from './testing';

describe('parley backup', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.stop());

  it('copies the database of a running server, with its messages, and refuses to overwrite', async () => {
    server = await TestServer.start();
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'm1', text: 'Do you ship to Norway?' });
    await socket.next('message.ack');

    const target = join(tempDataDir(), 'copy.db');
    const run = await cli(['backup', target], { dataDir: server.dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Backed up .*parley\.db to .*copy\.db \(\d+ KiB, \d+ messages; integrity checked\)\.\n$/);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('SELECT body AS text FROM messages').all()).toContainEqual({ text: 'Do you ship to Norway?' });
    copy.close();

    // The server keeps taking messages after the backup.
    socket.send({ type: 'message.send', clientId: 'm2', text: 'Still there?' });
    expect(await socket.next('message.ack')).toMatchObject({ clientId: 'm2', duplicate: false });

    const again = await cli(['backup', target], { dataDir: server.dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
  });

  it('resolves FILE against the working directory and fails when there is no database', async () => {
    const cwd = tempDataDir();
    const run = await cli(['backup', 'copy.db'], { dataDir: join(cwd, 'empty'), cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No database at');
    expect(existsSync(join(cwd, 'copy.db'))).toBe(false);
  });

  it('wants exactly one FILE (exit code 2)', async () => {
    const run = await cli(['backup'], { dataDir: tempDataDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Missing FILE');
    expect(run.stderr).toContain('Usage: parley backup FILE');
  });
});
