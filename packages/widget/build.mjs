/**
 * Builds the widget into `dist/`: first the chat bundle (Preact panel + core), named by its content hash
 * so it can be cached forever, then the loader `widget.js`, which knows that name. Both are IIFE scripts
 * for a plain `<script async>` tag.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist`;

const shared = {
  root,
  configFile: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
};

async function bundle(entry, fileName, define = {}) {
  await build({
    ...shared,
    define,
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: `${root}${entry}`, formats: ['iife'], name: 'ParleyWidget', fileName: () => fileName },
    },
  });
}

rmSync(dist, { recursive: true, force: true });
await bundle('src/chat/main.ts', 'widget-chat.js');
const hash = createHash('sha256').update(readFileSync(`${dist}/widget-chat.js`)).digest('hex').slice(0, 10);
const chatFile = `widget-chat.${hash}.js`;
renameSync(`${dist}/widget-chat.js`, `${dist}/${chatFile}`);
await bundle('src/loader/main.ts', 'widget.js', { __PARLEY_CHAT_FILE__: JSON.stringify(chatFile) });
console.log(`widget: built dist/widget.js and dist/${chatFile}`);
