/**
 * Bundles the server twice, the same way: every JS dependency in one file, except the native SQLite
 * binding (`better-sqlite3`) and the optional `pino-pretty` (pretty logs when installed):
 * - `dist/main.mjs` for the workspace (npm start, the bench), with a source map
 *   (`node --enable-source-maps apps/server/dist/main.mjs` for mapped stack traces);
 * - `dist/parley.mjs` for the release folder (scripts/release.mjs), with a shebang.
 *
 * Why one file, minified (idle memory, DESIGN target ≤ 80 MB RSS): loading the dependencies from
 * node_modules as hundreds of modules, and keeping comments, costs ~10 MiB more RSS at idle than one
 * minified bundle (every module's source stays in V8's heap, as UTF-16 when it has a non-ASCII character;
 * the ESM loader keeps a record per module). Lazily imported dependencies (`nodemailer`, `prom-client`)
 * stay in the bundle, wrapped so they are evaluated only at their first `import()`: no separate chunk.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Code Parley never runs, left out of the bundles:
 * - zod's translations (`z.locales`, ~300 KB; the English messages are imported on their own);
 * - Fastify's JSON-schema compilers (ajv, fast-json-stringify): Parley validates with zod and turns route
 *   schemas off in app.ts (`noRouteSchemas`), so Fastify never requires them.
 */
const leaveOut = {
  name: 'parley-leave-out',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'parley-left-out' } : undefined,
    );
    build.onResolve({ filter: /^@fastify\/(ajv-compiler|fast-json-stringify-compiler)$/ }, (args) => ({ path: args.path, namespace: 'parley-left-out' }));
    build.onLoad({ filter: /^zod-locales$/, namespace: 'parley-left-out' }, () => ({ contents: 'export {};', loader: 'js' }));
    build.onLoad({ filter: /^@fastify\//, namespace: 'parley-left-out' }, (args) => ({
      contents: `module.exports = () => () => { throw new Error(${JSON.stringify(`${args.path} is left out of the Parley bundle (see build.mjs): Parley does not use route schemas.`)}); };`,
      loader: 'js',
    }));
  },
};

// CommonJS dependencies bundled into ESM still call require() for Node built-ins and use __dirname.
const cjsShim = [
  "import { createRequire as __parleyCreateRequire } from 'node:module';",
  "import { fileURLToPath as __parleyFileURLToPath } from 'node:url';",
  "import { dirname as __parleyDirname } from 'node:path';",
  'const require = __parleyCreateRequire(import.meta.url);',
  'const __filename = __parleyFileURLToPath(import.meta.url);',
  'const __dirname = __parleyDirname(__filename);',
].join('\n');

const common = {
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  external: ['better-sqlite3', 'pino-pretty'],
  plugins: [leaveOut],
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
};

/** V8 keeps a script with any non-ASCII character as UTF-16, twice its size: fail the build instead. */
function assertAscii(file) {
  const text = readFileSync(new URL(file, import.meta.url), 'utf8');
  const at = text.search(/[^\x00-\x7f]/);
  if (at !== -1) throw new Error(`${file} has a non-ASCII character at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`);
}

await build({ ...common, outfile: 'dist/main.mjs', sourcemap: true, banner: { js: cjsShim } });
assertAscii('dist/main.mjs');
console.log('server: built dist/main.mjs');

await build({ ...common, outfile: 'dist/parley.mjs', banner: { js: `#!/usr/bin/env node\n${cjsShim}` } });
assertAscii('dist/parley.mjs');
console.log('server: built dist/parley.mjs (release bundle)');
