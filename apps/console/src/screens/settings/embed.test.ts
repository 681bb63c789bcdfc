import { describe, expect, it } from 'vitest';
import { embedSnippet } from './SiteSettingsForm';

describe('embed snippet', () => {
  it('is the one script tag with the public URL and site key', () => {
    expect(embedSnippet('https://chat.boots.example', 'site_abc')).toBe(
      '<script async src="https://chat.boots.example/widget.js" data-site="site_abc"></script>',
    );
  });
});
