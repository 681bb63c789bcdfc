import { describe, expect, it } from 'vitest';
import { format, pickLocale, STRINGS } from './index';

describe('STRINGS', () => {
  const english = Object.keys(STRINGS.en).sort();

  it.each(['de', 'es', 'fr'] as const)('%s has every key, each filled in, with the same placeholders', (locale) => {
    const table = STRINGS[locale];
    expect(Object.keys(table).sort()).toEqual(english);
    for (const key of english) {
      const text = table[key as keyof typeof table];
      expect(text.trim(), `${locale}.${key}`).not.toBe('');
      const placeholders = (value: string) => (value.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), `${locale}.${key}`).toEqual(placeholders(STRINGS.en[key as keyof typeof table]));
    }
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('You are number {n} in line', { n: 2 })).toBe('You are number 2 in line');
    expect(format('{name} is typing… {other}', { name: 'Ana' })).toBe('Ana is typing… {other}');
    expect(format('{constructor}', {})).toBe('{constructor}');
  });
});

describe('pickLocale', () => {
  it('prefers the embed tag’s locale, then the browser’s languages by primary subtag, then English', () => {
    expect(pickLocale('fr', ['de-DE'])).toBe('fr');
    expect(pickLocale('pt-BR', ['ja', 'es-MX', 'de'])).toBe('es');
    expect(pickLocale(undefined, ['DE-at'])).toBe('de');
    expect(pickLocale(undefined, ['ja', 'zh-CN'])).toBe('en');
    expect(pickLocale('', [])).toBe('en');
  });
});
