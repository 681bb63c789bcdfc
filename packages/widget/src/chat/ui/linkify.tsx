/**
 * Turns message text into Preact children: plain text, with http(s) and mailto links as anchors that open
 * in a new tab. Nothing is ever parsed as HTML, and any other scheme (javascript:, data:, …) stays text.
 */
import type { ComponentChildren } from 'preact';

const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}]$/;

export function linkify(text: string): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const href = trimEnd(match[0]);
    if (!isSafe(href)) continue;
    const start = match.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {href.replace(/^mailto:/i, '')}
      </a>,
    );
    last = start + href.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Punctuation closing a sentence belongs to the text, except a ")" the link itself opened. */
function trimEnd(href: string): string {
  while (TRAILING.test(href)) {
    if (href.endsWith(')') && count(href, '(') >= count(href, ')')) break;
    href = href.slice(0, -1);
  }
  return href;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Only a well-formed http(s) URL with a host, or a mailto with an address. */
function isSafe(href: string): boolean {
  if (/^mailto:/i.test(href)) return /^mailto:[^@\s]+@[^@\s]+$/i.test(href);
  try {
    const url = new URL(href);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
