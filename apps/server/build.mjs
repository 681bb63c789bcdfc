/**
 * Bundles the server twice:
 * - `dist/main.mjs` for the workspace (npm start): workspace packages bundled, npm dependencies external;
 * - `dist/parley.mjs` for the release folder (scripts/release.mjs): everything bundled except the native
 *   SQLite binding (`better-sqlite3`) and the optional `pino-pretty` (pretty logs when installed).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@parley/'));

const common = {
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
};

await build({ ...common, outfile: 'dist/main.mjs', sourcemap: true, external });
console.log('server: built dist/main.mjs');

// CommonJS dependencies bundled into ESM still call require() for Node built-ins and use __dirname.
const cjsShim = [
  "import { createRequire as __parleyCreateRequire } from 'node:module';",
  "import { fileURLToPath as __parleyFileURLToPath } from 'node:url';",
  "import { dirname as __parleyDirname } from 'node:path';",
  'const require = __parleyCreateRequire(import.meta.url);',
  'const __filename = __parleyFileURLToPath(import.meta.url);',
  'const __dirname = __parleyDirname(__filename);',
].join('\n');

await build({
  ...common,
  outfile: 'dist/parley.mjs',
  external: ['better-sqlite3', 'pino-pretty'],
  banner: { js: `#!/usr/bin/env node\n${cjsShim}` },
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
});
console.log('server: built dist/parley.mjs (release bundle)');
