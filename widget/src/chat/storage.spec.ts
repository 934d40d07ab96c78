import { createVisitorStore, type StorageLike } from './storage';

class MapStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string) { return this.map.get(key) ?? null; }
  setItem(key: string, value: string) { this.map.set(key, value); }
  removeItem(key: string) { this.map.delete(key); }
}

const blocked: StorageLike = {
  getItem() { throw new Error('SecurityError'); },
  setItem() { throw new Error('SecurityError'); },
  removeItem() { throw new Error('SecurityError'); },
};

describe('visitor store', () => {
  it('keeps the token in storage under customchat:visitor:<bot>', () => {
    const storage = new MapStorage();
    const store = createVisitorStore('pk_1', () => storage);
    expect(store.get()).toBeUndefined();
    store.set('tok');
    expect(storage.map.get('customchat:visitor:pk_1')).toBe('tok');
    expect(createVisitorStore('pk_1', () => storage).get()).toBe('tok');
    store.clear();
    expect(storage.map.size).toBe(0);
    expect(store.get()).toBeUndefined();
  });

  it('keeps the conversation on screen beside the token, and forgets both together', () => {
    const storage = new MapStorage();
    const store = createVisitorStore('pk_1', () => storage);
    expect(store.conversation.get()).toBeUndefined();
    store.set('tok');
    store.conversation.set('c-42');
    expect(storage.map.get('customchat:conversation:pk_1')).toBe('c-42');
    expect(createVisitorStore('pk_1', () => storage).conversation.get()).toBe('c-42');
    expect(createVisitorStore('pk_2', () => storage).conversation.get()).toBeUndefined();
    store.clear();
    expect(storage.map.size).toBe(0);
    const blind = createVisitorStore('pk_1', () => blocked);
    blind.conversation.set('c-7');
    expect(blind.conversation.get()).toBe('c-7');
  });

  it('falls back to memory when reaching storage throws', () => {
    const store = createVisitorStore('pk_1', () => { throw new Error('SecurityError'); });
    store.set('tok');
    expect(store.get()).toBe('tok');
    store.clear();
    expect(store.get()).toBeUndefined();
  });

  it('falls back to memory when storage calls throw', () => {
    const store = createVisitorStore('pk_1', () => blocked);
    expect(store.get()).toBeUndefined();
    store.set('tok');
    expect(store.get()).toBe('tok');
  });

  it('keeps the token in memory when writing fails (quota) and stops using storage', () => {
    const storage = new MapStorage();
    storage.setItem = () => { throw new Error('QuotaExceededError'); };
    const store = createVisitorStore('pk_1', () => storage);
    store.set('tok');
    expect(store.get()).toBe('tok');
  });

  it('works with no storage at all', () => {
    const store = createVisitorStore('pk_1', () => null);
    store.set('tok');
    expect(store.get()).toBe('tok');
  });
});
