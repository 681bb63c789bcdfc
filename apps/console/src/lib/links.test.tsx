import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { splitLinks } from './links';
import { RichText } from './RichText';

describe('message text and links', () => {
  it('links only http(s) and mailto, without trailing punctuation', () => {
    expect(splitLinks('See https://shop.example/a?b=1. Or mail mailto:help@shop.example!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://shop.example/a?b=1', href: 'https://shop.example/a?b=1' },
      { kind: 'text', text: '. Or mail ' },
      { kind: 'link', text: 'mailto:help@shop.example', href: 'mailto:help@shop.example' },
      { kind: 'text', text: '!' },
    ]);
    expect(splitLinks('javascript:alert(1) data:text/html,x')).toEqual([{ kind: 'text', text: 'javascript:alert(1) data:text/html,x' }]);
  });

  it('renders HTML in a message as text, and links with safe rel', () => {
    const { container } = render(<RichText text={'<img src=x onerror=alert(1)> https://a.example'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    const link = container.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://a.example');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  });
});
