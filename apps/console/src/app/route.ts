/**
 * The console's pages in the URL hash: `#/inbox`, `#/inbox/c/ID`, `#/search`, `#/settings`,
 * `#/settings/SECTION` (faq, fallback, mail, privacy), `#/agents`.
 */
import { useEffect, useState } from 'preact/hooks';

/** The parts of the settings page; `general` holds preferences, password, site and canned responses. */
export const SETTINGS_SECTIONS = ['general', 'faq', 'fallback', 'mail', 'privacy'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

export type Route =
  | { page: 'inbox'; conversationId: string | undefined }
  | { page: 'search' }
  | { page: 'settings'; section?: SettingsSection }
  | { page: 'agents' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings') {
    const section = SETTINGS_SECTIONS.find((name) => name === parts[1]);
    return section && section !== 'general' ? { page: 'settings', section } : { page: 'settings' };
  }
  if (parts[0] === 'search' || parts[0] === 'agents') return { page: parts[0] };
  return { page: 'inbox', conversationId: parts[1] === 'c' ? parts[2] : undefined };
}

export function routeHash(route: Route): string {
  if (route.page === 'settings') return route.section && route.section !== 'general' ? `#/settings/${route.section}` : '#/settings';
  if (route.page !== 'inbox') return `#/${route.page}`;
  return route.conversationId ? `#/inbox/c/${encodeURIComponent(route.conversationId)}` : '#/inbox';
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
