import { type ComponentType, h } from 'preact';
import { useState } from 'preact/hooks';

/** A component whose code is in a lazily loaded chunk; `preload()` fetches it ahead of need. */
export type Lazy<P> = ComponentType<P> & { preload(): Promise<unknown> };

/**
 * A component loaded with `import()` the first time it renders (or is preloaded). Until its chunk
 * is there it renders nothing, so nothing flashes; the chat preloads every lazy part once it is
 * idle after opening, so a visitor rarely meets the wait. A failed load is tried again next render.
 */
export function lazy<P>(load: () => Promise<ComponentType<P>>): Lazy<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<unknown> | undefined;
  const preload = () => (loading ??= load().then((c) => (loaded = c), () => (loading = undefined)));
  function Lazy(props: P) {
    const [, rerender] = useState(0);
    if (loaded) return h(loaded as ComponentType, props as object);
    void preload().then(() => rerender(1));
    return null;
  }
  Lazy.preload = preload;
  return Lazy;
}
