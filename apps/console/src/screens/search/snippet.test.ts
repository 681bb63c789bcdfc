import { describe, expect, it } from 'vitest';
import { snippetParts } from './SearchScreen';

describe('search snippets', () => {
  it('splits the highlighted words from the rest', () => {
    expect(snippetParts('My boots were \u0002shipped\u0003 last \u0002week\u0003')).toEqual([
      { text: 'My boots were ', hit: false },
      { text: 'shipped', hit: true },
      { text: ' last ', hit: false },
      { text: 'week', hit: true },
    ]);
  });
});
