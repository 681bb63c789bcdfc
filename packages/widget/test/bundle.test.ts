// @vitest-environment node
/// <reference types="node" />
/**
 * What ships to shoppers, checked on the built files (`npm test` builds first): within the size budgets,
 * and free of what breaks host pages or strict CSPs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { BUDGETS, measure } from '../../../scripts/size-report.mjs';

const dist = join(import.meta.dirname, '..', 'dist');

describe('the built widget', () => {
  it('stays within the size budgets: launcher ≤ 5 KB gzip, everything ≤ 25 KB gzip', () => {
    const report = measure(dist) as { files: Array<{ name: string; gzip: number }>; total: { gzip: number }; over: string[] };
    expect(report.over).toEqual([]);
    expect(report.files.find((file) => file.name === 'widget.js')!.gzip).toBeLessThanOrEqual(BUDGETS.launcherGzip);
    expect(report.files.some((file) => /^widget-chat\.[0-9a-f]+\.js$/.test(file.name))).toBe(true);
  });

  it('uses no eval, new Function, document.write or synchronous XHR', () => {
    for (const name of readdirSync(dist).filter((file) => file.endsWith('.js'))) {
      const code = readFileSync(join(dist, name), 'utf8');
      expect(code, name).not.toMatch(/\beval\s*\(/);
      expect(code, name).not.toMatch(/new\s+Function\s*\(/);
      expect(code, name).not.toMatch(/document\.write/);
      expect(code, name).not.toMatch(/\.open\([^)]*,\s*!1\)|\.open\([^)]*,\s*false\)/);
    }
  });
});
