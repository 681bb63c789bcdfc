/**
 * The launcher: a round button in the corner with an unread badge, drawn in the widget's Shadow DOM.
 * Plain DOM, no framework: it is all a shopper downloads until they open the chat.
 */
import type { WidgetSettings } from '../chat/state/types';
import type { LauncherStrings } from './strings';

const ICON_CHAT =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
const ICON_CLOSE =
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z"/></svg>';

export const launcherStyles = `
:host{all:initial}
.l{position:fixed;bottom:20px;width:60px;height:60px;border-radius:50%;border:0;padding:0;margin:0;cursor:pointer;
display:flex;align-items:center;justify-content:center;background:var(--parley-brand);color:var(--parley-on-brand);
box-shadow:0 4px 14px rgba(0,0,0,.25);transition:transform .15s;font:600 12px/1 system-ui,sans-serif;box-sizing:border-box}
.l:hover{transform:scale(1.06)}.l:focus-visible{outline:3px solid #111;outline-offset:3px}
.r{right:20px}.f{left:20px}
.b{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#d61f1f;
color:#fff;display:flex;align-items:center;justify-content:center;box-sizing:border-box;border:2px solid #fff}
.b[hidden]{display:none}
@media (prefers-reduced-motion:reduce){.l{transition:none}}
`;

export class Launcher {
  readonly button: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private open = false;
  private unread = 0;

  constructor(
    root: ShadowRoot,
    private readonly strings: LauncherStrings,
    onToggle: () => void,
  ) {
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'l r';
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.addEventListener('click', onToggle);
    this.badge = document.createElement('span');
    this.badge.className = 'b';
    this.badge.hidden = true;
    this.render();
    root.append(this.button);
  }

  apply(settings: WidgetSettings, onBrand: string): void {
    this.button.className = `l ${settings.position === 'left' ? 'f' : 'r'}`;
    const host = (this.button.getRootNode() as ShadowRoot).host as HTMLElement;
    host.style.setProperty('--parley-brand', settings.brandColor);
    host.style.setProperty('--parley-on-brand', onBrand);
    this.button.style.zIndex = String(settings.zIndex);
  }

  setOpen(open: boolean): void {
    this.open = open;
    this.render();
  }

  setUnread(count: number): void {
    this.unread = count;
    this.render();
  }

  private render(): void {
    this.button.innerHTML = this.open ? ICON_CLOSE : ICON_CHAT;
    this.button.setAttribute('aria-expanded', String(this.open));
    const label = this.open ? this.strings.close : this.strings.open;
    const unread = this.unread > 0 ? `, ${this.strings.unread.replace('{n}', String(this.unread))}` : '';
    this.button.setAttribute('aria-label', label + unread);
    this.badge.hidden = this.unread === 0 || this.open;
    this.badge.textContent = this.unread > 99 ? '99+' : String(this.unread);
    this.button.append(this.badge);
  }
}
