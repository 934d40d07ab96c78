/** The part of `Storage` the visitor token needs. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface VisitorStore {
  get(): string | undefined;
  set(token: string): void;
  /** Forgets the visitor, and the conversation with them. */
  clear(): void;
  /** The conversation on screen: the next page (and a reconnect) asks for it again. */
  conversation: { get(): string | undefined; set(id: string): void };
}

export const visitorKey = (bot: string): string => `customchat:visitor:${bot}`;

/**
 * The visitor token, in `localStorage` under `customchat:visitor:<bot>`, and the conversation on
 * screen under `customchat:conversation:<bot>`. Reading `window.localStorage` itself throws where
 * storage is blocked, hence the getter. After the first failure both live in memory for the rest
 * of the page's life.
 */
export function createVisitorStore(bot: string, getStorage: () => StorageLike | null | undefined): VisitorStore {
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

  /** One value under `key`, in storage while it works, in memory after. */
  function slot(key: string) {
    let memory: string | undefined;
    return {
      get() {
        const stored = attempt((s) => s.getItem(key));
        return storage ? (stored ?? undefined) : memory;
      },
      set(value: string) {
        memory = value;
        attempt((s) => s.setItem(key, value));
      },
      clear() {
        memory = undefined;
        attempt((s) => s.removeItem(key));
      },
    };
  }

  const token = slot(visitorKey(bot));
  const conversation = slot(`customchat:conversation:${bot}`);
  return {
    get: token.get,
    set: token.set,
    clear() {
      token.clear();
      conversation.clear();
    },
    conversation,
  };
}
