/** The few strings the launcher needs before the chat bundle loads, in every widget language. */
export interface LauncherStrings {
  open: string;
  close: string;
  /** `{n}` is the count. */
  unread: string;
}

export const LAUNCHER_STRINGS: Record<'en' | 'de' | 'es' | 'fr', LauncherStrings> = {
  en: { open: 'Open chat', close: 'Close chat', unread: '{n} unread messages' },
  de: { open: 'Chat öffnen', close: 'Chat schließen', unread: '{n} ungelesene Nachrichten' },
  es: { open: 'Abrir chat', close: 'Cerrar chat', unread: '{n} mensajes sin leer' },
  fr: { open: 'Ouvrir le chat', close: 'Fermer le chat', unread: '{n} messages non lus' },
};
