/**
 * The hub carries events from services (after their commit) to whoever delivers them. Today it is
 * in-process; a Redis implementation can sit behind the same interface when Parley runs on several nodes,
 * which is why events are plain JSON values and nothing else talks to another connection's socket.
 */
import type { HubEvent } from './events';

export type HubListener = (event: HubEvent) => void;

export interface Hub {
  /** Delivers `event` to every subscriber of `topic`. */
  publish(topic: string, event: HubEvent): void;
  /** Returns a function that unsubscribes. */
  subscribe(topic: string, listener: HubListener): () => void;
}

/** Topics in use. */
export const TOPICS = { chat: 'chat' } as const;

/** Synchronous in-process hub. A throwing listener is reported and does not stop the others. */
export class InProcessHub implements Hub {
  private readonly listeners = new Map<string, Set<HubListener>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  publish(topic: string, event: HubEvent): void {
    const listeners = this.listeners.get(topic);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(topic: string, listener: HubListener): () => void {
    let listeners = this.listeners.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(topic, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.listeners.delete(topic);
    };
  }
}
