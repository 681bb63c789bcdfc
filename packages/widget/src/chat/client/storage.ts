/**
 * The widget's storage: localStorage under one key prefix per site, written only once the shopper has
 * engaged and consent allows it. Until then (or when storage is blocked) values live in memory only.
 */
export class WidgetStorage {
  private readonly memory = new Map<string, string>();
  private persistent = false;

  constructor(
    private readonly prefix: string,
    private readonly backend: Storage | null = safeLocalStorage(),
  ) {}

  /** Reading is allowed before engagement: it lets a returning shopper's conversation come back. */
  get(key: string): string | null {
    if (this.memory.has(key)) return this.memory.get(key) ?? null;
    try {
      return this.backend?.getItem(this.prefix + key) ?? null;
    } catch {
      return null;
    }
  }

  set(key: string, value: string): void {
    this.memory.set(key, value);
    if (this.persistent) this.write(key, value);
  }

  remove(key: string): void {
    this.memory.delete(key);
    try {
      this.backend?.removeItem(this.prefix + key);
    } catch {
      // Storage blocked: nothing was written either.
    }
  }

  /** From now on values are written through; what was kept in memory is written now. */
  persist(): void {
    if (this.persistent) return;
    this.persistent = true;
    for (const [key, value] of this.memory) this.write(key, value);
  }

  get isPersistent(): boolean {
    return this.persistent;
  }

  /** The full key another tab's `storage` event would carry for `key`. */
  fullKey(key: string): string {
    return this.prefix + key;
  }

  private write(key: string, value: string): void {
    try {
      this.backend?.setItem(this.prefix + key, value);
    } catch {
      // Quota or privacy mode: keep going from memory.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
