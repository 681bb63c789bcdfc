import { describe, expect, it } from 'vitest';
import { panelStyles, readableTextColor } from './index';

describe('readableTextColor', () => {
  it.each([
    ['#ffff00', '#000000'],
    ['#1e3a8a', '#ffffff'],
    ['#ffffff', '#000000'],
    ['#000000', '#ffffff'],
    ['#2563eb', '#ffffff'],
    ['#f59e0b', '#000000'],
    ['FF69B4', '#000000'],
  ] as const)('puts %s under %s text', (brand, text) => {
    expect(readableTextColor(brand)).toBe(text);
  });
});

describe('panelStyles', () => {
  it('resets inherited styles, uses the brand variables and goes full screen on small viewports', () => {
    expect(panelStyles).toMatch(/all:initial/);
    expect(panelStyles).toContain('var(--parley-brand');
    expect(panelStyles).toContain('var(--parley-on-brand');
    expect(panelStyles).toMatch(/@media \(max-width:639\.98px\)/);
    expect(panelStyles).toContain('env(safe-area-inset-bottom)');
  });
});
