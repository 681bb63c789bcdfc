#!/usr/bin/env node
/**
 * The widget's size report: raw, gzip and brotli bytes of each built file against the budgets
 * (launcher ≤ 5 KB gzip before the shopper opens the chat; everything ≤ 25 KB gzip). Exits 1 when over.
 * Run `npm run size` after a build; `npm test` runs it too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUDGETS = { launcherGzip: 5 * 1024, totalGzip: 25 * 1024 };
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'widget', 'dist');

/** Measures every widget file in `dir`. */
export function measure(dir = dist) {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => (a === 'widget.js' ? -1 : b === 'widget.js' ? 1 : a.localeCompare(b)))
    .map((name) => {
      const raw = readFileSync(join(dir, name));
      return {
        name,
        raw: raw.length,
        gzip: gzipSync(raw, { level: 9 }).length,
        brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    });
  const launcher = files.find((file) => file.name === 'widget.js');
  const total = files.reduce((sum, file) => ({ raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip, brotli: sum.brotli + file.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const over = [];
  if (!launcher) over.push('widget.js is missing: build the widget first');
  else if (launcher.gzip > BUDGETS.launcherGzip) over.push(`widget.js is ${launcher.gzip} B gzip, budget ${BUDGETS.launcherGzip} B`);
  if (total.gzip > BUDGETS.totalGzip) over.push(`all widget files are ${total.gzip} B gzip, budget ${BUDGETS.totalGzip} B`);
  return { files, total, over };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(2)} KB`.padStart(10);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files, total, over } = measure();
  console.log('\nWidget size (gzip budget: widget.js ≤ 5 KB before open, all files ≤ 25 KB)\n');
  console.log(`${'file'.padEnd(30)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
  for (const file of files) console.log(`${file.name.padEnd(30)}${kb(file.raw)}${kb(file.gzip)}${kb(file.brotli)}`);
  console.log(`${'total'.padEnd(30)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}\n`);
  if (over.length > 0) {
    for (const line of over) console.error(`✖ over budget: ${line}`);
    process.exit(1);
  }
  console.log('✓ within budget\n');
}
