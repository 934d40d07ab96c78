/** The part of `Storage` the visitor token needs. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface VisitorStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
}

export const visitorKey = (bot: string): string => `customchat:visitor:${bot}`;

/**
 * The visitor token, in `localStorage` under `customchat:visitor:<bot>`. Reading
 * `window.localStorage` itself throws where storage is blocked, hence the getter. After the
 * first failure the token lives in memory for the rest of the page's life.
 */
export function createVisitorStore(bot: string, getStorage: () => StorageLike | null | undefined): VisitorStore {
  const key = visitorKey(bot);
  let memory: string | undefined;
  let storage: StorageLike | undefined;
  try {
    storage = getStorage() ?? undefined;
  } catch {
    storage = undefined;
  }

  function attempt<T>(action: (s: StorageLike) => T): T | undefined {
    if (!storage) return undefined;
    try {
      return action(storage);
    } catch {
      storage = undefined;
      return undefined;
    }
  }

  return {
    get() {
      const stored = attempt((s) => s.getItem(key));
      return storage ? (stored ?? undefined) : memory;
    },
    set(token) {
      memory = token;
      attempt((s) => s.setItem(key, token));
    },
    clear() {
      memory = undefined;
      attempt((s) => s.removeItem(key));
    },
  };
}
