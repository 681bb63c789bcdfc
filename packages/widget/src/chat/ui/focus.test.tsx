import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Launcher } from '../../loader/launcher';
import { LAUNCHER_STRINGS } from '../../loader/strings';
import { STRINGS } from '../../strings';
import type { ChatCore } from '../chat-core';
import { ChatRoot } from '../chat-root';
import { ChatStore } from '../state/store';
import { settings, spyActions } from './test-fixtures';

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

/** The widget as the page holds it: the loader's launcher and the chat, side by side in one shadow root. */
function mountWidget() {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const launcher = new Launcher(shadow, LAUNCHER_STRINGS.en, () => {});
  const container = document.createElement('div');
  shadow.append(container);
  const store = new ChatStore();
  const actions = { ...spyActions(), close: () => store.update({ open: false }) };
  const core = { store, actions } as unknown as ChatCore;
  render(<ChatRoot core={core} settings={settings} strings={STRINGS.en} locale="en" />, { container });
  act(() => store.update({ open: true }));
  return { shadow, launcher, container, store };
}

describe('closing the panel', () => {
  it('returns focus to the launcher when focus was in the panel (Escape)', () => {
    const { shadow, launcher, container } = mountWidget();
    const composer = container.querySelector('textarea')!;
    expect(shadow.activeElement).toBe(composer);
    act(() => {
      fireEvent.keyDown(composer, { key: 'Escape' });
    });
    expect(container.querySelector('[role="dialog"]')).toBeNull();
    expect(shadow.activeElement).toBe(launcher.button);
  });

  it('returns focus to the launcher from the close button', () => {
    const { shadow, launcher, container } = mountWidget();
    const close = container.querySelector<HTMLButtonElement>('button[aria-label="Close chat"]')!;
    close.focus();
    act(() => {
      fireEvent.click(close);
    });
    expect(shadow.activeElement).toBe(launcher.button);
  });

  it('leaves focus alone when the shopper is elsewhere on the page', () => {
    const { shadow, store } = mountWidget();
    const search = document.createElement('input');
    document.body.append(search);
    search.focus();
    act(() => store.update({ open: false }));
    expect(document.activeElement).toBe(search);
    expect(shadow.activeElement).toBeNull();
  });
});
