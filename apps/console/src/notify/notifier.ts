/**
 * Getting an agent's attention: a desktop notification (permission asked once), a short beep made with
 * Web Audio (unlocked by the first click, so it also plays while the tab is focused), and the unread
 * count in the tab title. Each obeys the agent's preferences.
 */
import type { NotificationPreferences } from '@parley/protocol';
import { STRINGS } from '../strings';

const ASKED_KEY = 'parley.console.notificationsAsked';

export class Notifier {
  private audio: AudioContext | undefined;
  preferences: NotificationPreferences = { desktopNotifications: true, sound: true, unreadInTitle: true };

  /** Call from the first user gesture: unlocks audio and asks for notification permission once. */
  unlock(): void {
    const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!this.audio && Context) this.audio = new Context();
    void this.audio?.resume?.();
    if (typeof Notification !== 'undefined' && Notification.permission === 'default' && !localStorage.getItem(ASKED_KEY)) {
      localStorage.setItem(ASKED_KEY, '1');
      void Notification.requestPermission();
    }
  }

  /** A new waiting shopper or a new message in one of my chats. */
  alert(title: string, body: string, onClick?: () => void): void {
    if (this.preferences.sound) this.beep();
    if (!this.preferences.desktopNotifications || typeof Notification === 'undefined') return;
    if (Notification.permission !== 'granted' || (document.visibilityState === 'visible' && document.hasFocus())) return;
    const notification = new Notification(title, { body: body.slice(0, 140), tag: title });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
  }

  /** "(3) Parley" while there is something unread, when the agent wants it. */
  setUnread(count: number): void {
    document.title = count > 0 && this.preferences.unreadInTitle ? `(${count}) ${STRINGS.appName}` : STRINGS.appName;
  }

  private beep(): void {
    const audio = this.audio;
    if (!audio || audio.state !== 'running') return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
  }
}
