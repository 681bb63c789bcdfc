import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { linkify } from './linkify';

afterEach(cleanup);

function show(text: string): HTMLElement {
  return render(<p>{linkify(text)}</p>).container.querySelector('p')!;
}

describe('linkify', () => {
  it('turns http, https and mailto into safe new-tab anchors and keeps the rest as text', () => {
    const paragraph = show('See https://shop.example/boots?size=9, http://a.example or mailto:help@shop.example.');
    const anchors = [...paragraph.querySelectorAll('a')];
    expect(anchors.map((anchor) => anchor.getAttribute('href'))).toEqual([
      'https://shop.example/boots?size=9',
      'http://a.example',
      'mailto:help@shop.example',
    ]);
    for (const anchor of anchors) {
      expect(anchor.getAttribute('target')).toBe('_blank');
      expect(anchor.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    }
    expect(paragraph.textContent).toBe('See https://shop.example/boots?size=9, http://a.example or help@shop.example.');
  });

  it('keeps a closing parenthesis the link opened, but not one around it', () => {
    const paragraph = show('(https://en.wikipedia.org/wiki/Boot_(footwear))');
    expect(paragraph.querySelector('a')!.getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Boot_(footwear)');
    expect(paragraph.textContent).toBe('(https://en.wikipedia.org/wiki/Boot_(footwear))');
  });

  it('leaves javascript:, data: and vbscript: links as plain text', () => {
    const text = 'javascript:alert(1) data:text/html;base64,PHNjcmlwdD4= vbscript:msgbox(1) JaVaScRiPt:alert(2)';
    const paragraph = show(text);
    expect(paragraph.querySelector('a')).toBeNull();
    expect(paragraph.textContent).toBe(text);
  });

  it('renders markup inert, as the text the shopper typed', () => {
    const text = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>';
    const paragraph = show(text);
    expect(paragraph.querySelector('script, img, a')).toBeNull();
    expect(paragraph.textContent).toBe(text);
  });

  it('does not let a link swallow a quote or angle bracket', () => {
    const paragraph = show('<a href="https://evil.example/"onmouseover=x>');
    const anchor = paragraph.querySelector('a')!;
    expect(anchor.getAttribute('href')).toBe('https://evil.example/');
    expect(anchor.getAttributeNames().sort()).toEqual(['href', 'rel', 'target']);
  });
});
