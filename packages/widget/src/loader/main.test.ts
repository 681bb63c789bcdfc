import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHAT_GLOBAL, type ChatApi } from '../shared/host';
import { start } from './main';

type ParleyStub = ((...args: unknown[]) => void) & { q?: unknown[][]; loaded?: boolean };
const win = window as unknown as Record<string, unknown> & { Parley?: ParleyStub };

function scriptTag(attributes: Record<string, string> = {}): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = 'https://chat.example.com/widget.js';
  script.dataset.site = 'site_demo';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  return script;
}

function installStub(): ParleyStub {
  const stub: ParleyStub = (...args: unknown[]) => (stub.q ??= []).push(args);
  win.Parley = stub;
  return stub;
}

const shadow = () => document.getElementById('parley-widget')?.shadowRoot ?? null;
const launcher = () => shadow()?.querySelector('button') ?? null;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('widget.js (the loader)', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fetchMock = vi.fn(async () => new Response(JSON.stringify({ name: 'Boot Barn', brandColor: '#ffff00', position: 'left', zIndex: 99 }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    localStorage.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.getElementById('parley-widget')?.remove();
    for (const tag of document.head.querySelectorAll('script')) tag.remove();
    delete win.Parley;
    delete win[CHAT_GLOBAL];
  });

  it('draws the launcher in a Shadow DOM root with the site settings, labelled in the page language', async () => {
    start(scriptTag({ 'data-locale': 'de' }));
    await settle();
    expect(fetchMock).toHaveBeenCalledWith('https://chat.example.com/api/v1/sites/site_demo/settings', { credentials: 'omit' });
    const button = launcher();
    expect(button?.getAttribute('aria-label')).toBe('Chat öffnen');
    expect(button?.className).toContain('f');
    const host = document.getElementById('parley-widget')!;
    expect(host.style.getPropertyValue('--parley-brand')).toBe('#ffff00');
    expect(host.style.getPropertyValue('--parley-on-brand')).toBe('#000000');
  });

  it('replays calls the page queued before it loaded, and warns once about an unknown command', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stub = installStub();
    stub('setAttributes', { plan: 'gold' });
    stub('launchRockets');
    stub('launchRockets');
    start(scriptTag());
    await settle();
    expect(win.Parley?.loaded).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('unknown command "launchRockets"');
  });

  it('writes no storage and opens no socket before the shopper engages', async () => {
    const sockets = vi.fn();
    vi.stubGlobal('WebSocket', sockets);
    start(scriptTag());
    await settle();
    win.Parley?.('identify', { id: 'cust-7', email: 'kim@shop.example' });
    win.Parley?.('setAttributes', { cartValue: 12 });
    await settle();
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    expect(sockets).not.toHaveBeenCalled();
    expect(document.head.querySelector('script')).toBeNull();
  });

  it('still shows the launcher when the server does not answer', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('network down'));
    start(scriptTag());
    await settle();
    await settle();
    expect(launcher()?.getAttribute('aria-label')).toBe('Open chat');
  });

  it('loads the chat bundle with the page nonce on open, and hands over identity and attributes', async () => {
    start(scriptTag({ nonce: 'abc123' }));
    await settle();
    win.Parley?.('identify', { id: 'cust-7' });
    win.Parley?.('setAttributes', { plan: 'gold' });
    const api = { open: vi.fn(), close: vi.fn(), identify: vi.fn(), setAttributes: vi.fn(), setConsent: vi.fn(), shutdown: vi.fn() } satisfies ChatApi;
    win[CHAT_GLOBAL] = vi.fn(() => api);
    let tag: HTMLScriptElement | undefined;
    vi.spyOn(document.head, 'append').mockImplementation((node) => void (tag = node as HTMLScriptElement));
    launcher()?.click();
    expect(tag?.src).toBe('https://chat.example.com/widget-chat.test.js');
    expect(tag?.nonce).toBe('abc123');
    tag?.dispatchEvent(new Event('load'));
    await settle();
    expect(api.identify).toHaveBeenCalledWith({ id: 'cust-7' });
    expect(api.setAttributes).toHaveBeenCalledWith({ plan: 'gold' });
    expect(api.open).toHaveBeenCalledTimes(1);
  });

  it('leaves the page usable when the chat bundle fails to load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    start(scriptTag());
    await settle();
    launcher()?.click();
    document.head.querySelector('script')?.dispatchEvent(new Event('error'));
    await settle();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not load the chat'));
    expect(() => win.Parley?.('open')).not.toThrow();
  });

  it('forgets a shopper on shutdown even before the chat loaded', async () => {
    localStorage.setItem('parley:site_demo:token', 'secret');
    localStorage.setItem('unrelated', 'kept');
    start(scriptTag());
    await settle();
    win.Parley?.('shutdown');
    expect(localStorage.getItem('parley:site_demo:token')).toBeNull();
    expect(localStorage.getItem('unrelated')).toBe('kept');
  });
});
