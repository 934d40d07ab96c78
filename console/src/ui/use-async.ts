import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; error: unknown; data?: undefined }
  | { status: 'ready'; data: T; error?: undefined };

/**
 * Loads once per change of `deps`; an older load that finishes late is ignored (and aborted).
 * `setData` edits what was loaded (after a save); `reload` loads again.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading' }));
    loader.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ready', data }),
      (error) => !controller.signal.aborted && setState({ status: 'error', error }),
    );
    return () => controller.abort();
  }, [...deps, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const setData = useCallback((update: (data: T) => T) => {
    setState((previous) => (previous.status === 'ready' ? { status: 'ready', data: update(previous.data) } : previous));
  }, []);
  return { state, reload, setData };
}
