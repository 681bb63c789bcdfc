/**
 * `widget.js`: what every page loads. It reads the script tag, replays calls queued by the page's stub,
 * draws the launcher in a Shadow DOM root, and loads the chat bundle only when the shopper opens the chat
 * (or at once for a returning shopper whose conversation is going on). It writes no storage and opens no
 * socket by itself, never throws into the page, and uses no eval, document.write or sync XHR.
 */
import type { WidgetSettings } from '../chat/state/types';
import { readableTextColor } from '../shared/contrast';
import { CHAT_GLOBAL, STORAGE_KEYS, storagePrefix, type Attributes, type ChatApi, type CreateChat, type Identity, type WidgetEvent } from '../shared/host';
import { pickLocale } from './locale';
import { adoptStyles } from '../shared/styles';
import { Launcher, launcherStyles } from './launcher';
import { LAUNCHER_STRINGS } from './strings';

declare const __PARLEY_CHAT_FILE__: string;

type Command = [string, ...unknown[]];
interface ParleyFunction {
  (...command: Command): void;
  q?: Command[];
  loaded?: boolean;
}

const DEFAULTS: Omit<WidgetSettings, 'name'> = {
  brandColor: '#2563eb',
  title: '',
  greeting: '',
  position: 'right',
  zIndex: 2147483647,
};

/** Starts the widget for its script tag. Exported for tests; the page runs it once, below. */
export function start(script: HTMLScriptElement): void {
  const win = window as unknown as Record<string, unknown> & { Parley?: ParleyFunction };
  if (win.Parley?.loaded) return;
  const queued = win.Parley?.q ?? [];
  const siteKey = script.dataset.site ?? '';
  const serverUrl = new URL(script.src, location.href).origin;
  const base = script.src.slice(0, script.src.lastIndexOf('/') + 1);
  const locale = pickLocale(script.dataset.locale, navigator.languages ?? [navigator.language]);
  const nonce = script.nonce || script.getAttribute('nonce') || undefined;
  const listeners: Partial<Record<WidgetEvent, Array<(payload?: unknown) => void>>> = {};
  const warned = new Set<string>();
  let chat: ChatApi | null = null;
  let loading: Promise<ChatApi | null> | null = null;
  let consent = true;
  let identity: Identity | null = null;
  let attributes: Attributes = {};
  let settings: WidgetSettings = { ...DEFAULTS, name: document.title || location.host };

  const hostElement = document.createElement('div');
  hostElement.id = 'parley-widget';
  hostElement.setAttribute('data-parley', '');
  const root = hostElement.attachShadow({ mode: 'open' });
  adoptStyles(root, launcherStyles, nonce);
  const launcher = new Launcher(root, LAUNCHER_STRINGS[locale], () => run(['toggle']));

  const emit = (event: WidgetEvent, payload?: unknown) => {
    for (const listener of listeners[event] ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error('[Parley] an "on" listener threw', error);
      }
    }
  };

  const loadChat = (): Promise<ChatApi | null> => {
    if (chat) return Promise.resolve(chat);
    loading ??= new Promise<ChatApi | null>((resolve) => {
      const tag = document.createElement('script');
      tag.src = base + __PARLEY_CHAT_FILE__;
      tag.async = true;
      if (nonce) tag.nonce = nonce;
      tag.onload = () => {
        const create = win[CHAT_GLOBAL] as CreateChat | undefined;
        if (!create) return resolve(null);
        chat = create({
          serverUrl,
          siteKey,
          locale,
          settings,
          root,
          ...(nonce ? { nonce } : {}),
          consent,
          emit,
          setUnread: (count) => {
            launcher.setUnread(count);
            emit('unread', count);
          },
          setOpen: (open) => {
            launcher.setOpen(open);
            lockScroll(open);
            emit(open ? 'open' : 'close');
          },
        });
        if (identity) chat.identify(identity);
        if (Object.keys(attributes).length > 0) chat.setAttributes(attributes);
        resolve(chat);
      };
      tag.onerror = () => {
        loading = null;
        console.warn('[Parley] could not load the chat; the page is unaffected.');
        resolve(null);
      };
      document.head.append(tag);
    });
    return loading;
  };

  const run = (command: Command): void => {
    const [name, first, second] = command;
    switch (name) {
      case 'open':
      case 'close':
      case 'toggle':
        void loadChat().then((api) => {
          if (!api) return;
          const open = name === 'toggle' ? launcher.button.getAttribute('aria-expanded') !== 'true' : name === 'open';
          if (open) api.open();
          else api.close();
        });
        return;
      case 'identify':
        if (isRecord(first)) {
          identity = { ...identity, ...(first as Identity) };
          chat?.identify(identity);
        }
        return;
      case 'setAttributes':
        if (isRecord(first)) {
          attributes = { ...attributes, ...(first as Attributes) };
          chat?.setAttributes(attributes);
        }
        return;
      case 'on':
        if (typeof first === 'string' && typeof second === 'function') {
          (listeners[first as WidgetEvent] ??= []).push(second as (payload?: unknown) => void);
        }
        return;
      case 'consent':
        consent = first !== false;
        chat?.setConsent(consent);
        return;
      case 'shutdown':
        identity = null;
        attributes = {};
        if (chat) chat.shutdown();
        else forget(siteKey);
        launcher.setUnread(0);
        return;
      default:
        if (!warned.has(String(name))) {
          warned.add(String(name));
          console.warn(`[Parley] unknown command "${String(name)}". Known: open, close, toggle, identify, setAttributes, on, consent, shutdown.`);
        }
    }
  };

  const parley: ParleyFunction = (...command: Command) => {
    try {
      run(command);
    } catch (error) {
      console.error('[Parley]', error);
    }
  };
  parley.loaded = true;
  win.Parley = parley;

  const show = (loaded?: Partial<WidgetSettings>) => {
    settings = { ...settings, ...loaded };
    if (script.dataset.position === 'left' || script.dataset.position === 'right') settings.position = script.dataset.position;
    launcher.apply(settings, readableTextColor(settings.brandColor));
    if (!hostElement.isConnected) document.body.append(hostElement);
    for (const command of queued) parley(...command);
    queued.length = 0;
    if (returning(siteKey)) void loadChat();
  };

  fetch(`${serverUrl}/api/v1/sites/${encodeURIComponent(siteKey)}/settings`, { credentials: 'omit' })
    .then((response) => (response.ok ? (response.json() as Promise<Partial<WidgetSettings>>) : undefined))
    .then((loaded) => show(loaded), () => show());
}

let savedOverflow: string | null = null;
/** Under 640 px the panel is full screen: the page behind must not scroll. */
function lockScroll(open: boolean): void {
  const element = document.documentElement;
  if (open && innerWidth < 640 && savedOverflow === null) {
    savedOverflow = element.style.overflow;
    element.style.overflow = 'hidden';
  } else if (!open && savedOverflow !== null) {
    element.style.overflow = savedOverflow;
    savedOverflow = null;
  }
}

function returning(siteKey: string): boolean {
  try {
    const prefix = storagePrefix(siteKey);
    return localStorage.getItem(prefix + STORAGE_KEYS.token) !== null && localStorage.getItem(prefix + STORAGE_KEYS.conversation) !== null;
  } catch {
    return false;
  }
}

function forget(siteKey: string): void {
  try {
    for (const key of Object.values(STORAGE_KEYS)) localStorage.removeItem(storagePrefix(siteKey) + key);
  } catch {
    // Storage blocked: nothing was stored.
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

try {
  const script = document.currentScript as HTMLScriptElement | null;
  if (script) {
    if (document.body) start(script);
    else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
  }
} catch (error) {
  console.error('[Parley] could not start', error);
}
