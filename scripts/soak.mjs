#!/usr/bin/env node
/**
 * `npm run soak -- --kills 100 --seconds 600`: the long crash loop (see scripts/soak/crash-loop.mjs).
 * Needs a built server (npm start or npm run build first). Exits 1 if anything acknowledged was lost,
 * duplicated or reordered, or the database is damaged.
 */
import { parseArgs } from 'node:util';
import { crashLoop } from './soak/crash-loop.mjs';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '50' }, seconds: { type: 'string', default: '300' } } });
const kills = Number(values.kills);
const seconds = Number(values.seconds);
if (!Number.isInteger(kills) || kills < 1 || !Number.isFinite(seconds) || seconds <= 0) {
  console.error('Usage: npm run soak -- --kills N --seconds S   (N ≥ 1 kills within S seconds)');
  process.exit(2);
}
console.log(`Soak: up to ${kills} SIGKILLs within ${seconds} s …`);
const result = await crashLoop({ kills, maxMs: seconds * 1000, log: (line) => console.log(`  ${line}`) });
console.log(JSON.stringify({ ...result, missing: result.missing.length, duplicates: result.duplicates.length, outOfOrder: result.outOfOrder.length }, null, 2));
const ok = result.missing.length === 0 && result.duplicates.length === 0 && result.outOfOrder.length === 0 && result.integrity === 'ok';
console.log(ok ? '✓ nothing acknowledged was lost, duplicated or reordered' : '✖ delivery guarantee broken');
process.exit(ok ? 0 : 1);
