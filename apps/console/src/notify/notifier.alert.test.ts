import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Notifier } from './notifier';

/** Records what the console asked the browser for: beeps and desktop notifications. */
function fakeBrowser(permission: NotificationPermission) {
  const beeps: number[] = [];
  const shown: string[] = [];
  class FakeAudio {
    state = 'suspended';
    currentTime = 0;
    destination = {};
    resume() {
      this.state = 'running';
      return Promise.resolve();
    }
    createOscillator() {
      return { frequency: { value: 0 }, connect: (node: unknown) => node, start: () => beeps.push(1), stop: () => {} };
    }
    createGain() {
      return { gain: { setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} }, connect: (node: unknown) => node };
    }
  }
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => permission);
    onclick: (() => void) | null = null;
    constructor(title: string) {
      shown.push(title);
    }
    close() {}
  }
  vi.stubGlobal('AudioContext', FakeAudio);
  vi.stubGlobal('Notification', FakeNotification);
  return { beeps, shown, FakeNotification };
}

describe('getting the agent\'s attention', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('beeps only after the first click unlocked audio, and not when muted', () => {
    const { beeps } = fakeBrowser('denied');
    const notifier = new Notifier();
    notifier.alert('New shopper waiting', '');
    expect(beeps).toHaveLength(0);
    notifier.unlock();
    notifier.alert('New shopper waiting', '');
    expect(beeps).toHaveLength(1);
    notifier.preferences = { ...notifier.preferences, sound: false };
    notifier.alert('New shopper waiting', '');
    expect(beeps).toHaveLength(1);
  });

  it('asks for notification permission once, and shows one while the tab is in the background unless muted', () => {
    const { shown, FakeNotification } = fakeBrowser('default');
    const notifier = new Notifier();
    notifier.unlock();
    notifier.unlock();
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    FakeNotification.permission = 'granted';
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    notifier.alert('New message from Maya', 'Where is my order?');
    expect(shown).toEqual(['New message from Maya']);
    notifier.preferences = { ...notifier.preferences, desktopNotifications: false };
    notifier.alert('New message from Maya', 'Again');
    expect(shown).toHaveLength(1);
  });
});
