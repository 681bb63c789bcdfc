/**
 * Preloaded into every server under test (`node --expose-gc --import probe.mjs …`): answers the harness's
 * `{ type: 'mem' }` IPC message with `process.memoryUsage()`, after two full GCs when asked. Changes
 * nothing else in the process.
 */
if (process.send) {
  process.on('message', (message) => {
    if (message?.type !== 'mem') return;
    if (message.gc && typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    const usage = process.memoryUsage();
    process.send({ type: 'mem', id: message.id, rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers });
  });
  process.channel?.unref();
}
