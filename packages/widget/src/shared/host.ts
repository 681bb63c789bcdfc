/**
 * The contract between the loader (`widget.js`, always loaded, tiny) and the chat bundle (loaded when
 * the shopper opens the chat, or at once for a returning shopper with a conversation going on).
 */
import type { WidgetSettings } from '../chat/state/types';

export type WidgetEvent = 'open' | 'close' | 'message' | 'unread';

export interface Identity {
  id?: string;
  email?: string;
  name?: string;
  userHash?: string;
}

export type Attributes = Record<string, string | number | boolean | null>;

/** What the loader gives the chat bundle. */
export interface ChatHost {
  serverUrl: string;
  siteKey: string;
  locale: string;
  settings: WidgetSettings;
  /** The Shadow DOM root the panel renders into. */
  root: ShadowRoot;
  /** The embedding script's CSP nonce, for anything that must carry it. */
  nonce?: string;
  consent: boolean;
  emit(event: WidgetEvent, payload?: unknown): void;
  /** Launcher visuals. */
  setUnread(count: number): void;
  setOpen(open: boolean): void;
}

/** What the chat bundle gives back: the JavaScript API's targets once it is loaded. */
export interface ChatApi {
  open(): void;
  close(): void;
  identify(identity: Identity): void;
  setAttributes(attributes: Attributes): void;
  setConsent(consent: boolean): void;
  /** Forgets this shopper on this browser (shared computers). */
  shutdown(): void;
}

export type CreateChat = (host: ChatHost) => ChatApi;

/** The global the chat bundle registers itself under. */
export const CHAT_GLOBAL = '__parleyCreateChat';

/** Storage keys (under `parley:<siteKey>:`). The loader reads `token` and `conversation` to spot a returning shopper. */
export const STORAGE_KEYS = { token: 'token', conversation: 'conversation', outbox: 'outbox' } as const;

export function storagePrefix(siteKey: string): string {
  return `parley:${siteKey}:`;
}
