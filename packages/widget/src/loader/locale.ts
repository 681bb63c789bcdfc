/** The widget's languages, and which one a page gets: `data-locale` first, then the browser's. */
export const LOCALES = ['en', 'de', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export function pickLocale(requested: string | undefined, navigatorLanguages: readonly string[]): Locale {
  for (const candidate of [requested, ...navigatorLanguages]) {
    const primary = candidate?.toLowerCase().split(/[-_]/)[0];
    if (primary && (LOCALES as readonly string[]).includes(primary)) return primary as Locale;
  }
  return 'en';
}
