/** Small text helpers for the panel: an agent's initials, times in the shopper's language, email checks. */

/** "Ana María López" → "AL"; one name → its first letter. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ? Array.from(words[0])[0] ?? '' : '';
  const last = words.length > 1 ? (Array.from(words[words.length - 1]!)[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * A "10:42 AM" / "10:42" formatter for `locale` ("Monday 9:00 AM" with `weekday`), falling back to the
 * browser's when the locale is unknown.
 */
export function timeFormat(locale: string, weekday?: boolean): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', ...(weekday && { weekday: 'long' }) };
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat(undefined, options);
  }
}

/** A plausible email address (the server validates it fully). */
export function isEmail(text: string): boolean {
  return text.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}
