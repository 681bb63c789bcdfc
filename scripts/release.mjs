#!/usr/bin/env node
/**
 * Assembles the self-contained release folder (default `dist/parley/`, or the folder given as the first
 * argument) from what `npm run build` built:
 *
 *   parley.mjs   the server and every JS dependency in one file (apps/server/dist/parley.mjs)
 *   widget/      the widget scripts (packages/widget/dist)
 *   console/     the agents' console (apps/console/dist)
 *   drizzle/     the committed migrations (apps/server/drizzle)
 *   package.json one runtime dependency: better-sqlite3 (the native SQLite binding)
 *
 * Copy the folder anywhere, run `npm install --omit=dev` in it, then `node parley.mjs serve`.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist', 'parley'));

const sources = {
  bundle: join(root, 'apps/server/dist/parley.mjs'),
  widget: join(root, 'packages/widget/dist'),
  console: join(root, 'apps/console/dist'),
  migrations: join(root, 'apps/server/drizzle'),
};
const checks = [
  [sources.bundle, 'the server bundle', 'node apps/server/build.mjs'],
  [join(sources.widget, 'widget.js'), 'the widget', 'npx --yes pnpm@10.34.8 --filter @parley/widget build'],
  [join(sources.console, 'index.html'), 'the console', 'npx --yes pnpm@10.34.8 --filter @parley/console build'],
  [join(sources.migrations, 'meta', '_journal.json'), 'the migrations', '(they are committed in apps/server/drizzle)'],
];
for (const [file, what, fix] of checks) {
  if (!existsSync(file)) {
    console.error(`\n✖ release: ${what} is missing (${relative(root, file)}). Build it first: ${fix}\n`);
    process.exit(1);
  }
}

const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const serverRequire = createRequire(join(root, 'apps/server/package.json'));
const sqliteVersion = JSON.parse(readFileSync(serverRequire.resolve('better-sqlite3/package.json'), 'utf8')).version;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(sources.bundle, join(out, 'parley.mjs'));
chmodSync(join(out, 'parley.mjs'), 0o755);
cpSync(sources.widget, join(out, 'widget'), { recursive: true });
cpSync(sources.console, join(out, 'console'), { recursive: true });
cpSync(sources.migrations, join(out, 'drizzle'), { recursive: true, filter: (path) => !path.endsWith('.ts') });

const manifest = {
  name: 'parley',
  version: rootManifest.version,
  description: 'Parley, self-hosted live chat for online stores: run `node parley.mjs serve`',
  private: true,
  type: 'module',
  license: rootManifest.license,
  bin: { parley: './parley.mjs' },
  scripts: { start: 'node parley.mjs serve' },
  engines: { node: '>=20.19' },
  dependencies: { 'better-sqlite3': sqliteVersion },
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

function size(path) {
  const stat = statSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((total, name) => total + size(join(path, name)), 0) : stat.size;
}
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
console.log(
  `release: ${relative(process.cwd(), out) || '.'}/ — parley.mjs ${kib(size(join(out, 'parley.mjs')))}, ` +
    `widget ${kib(size(join(out, 'widget')))}, console ${kib(size(join(out, 'console')))}, total ${kib(size(out))}; ` +
    `runtime dependency better-sqlite3@${sqliteVersion}`,
);
