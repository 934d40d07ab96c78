import { useEffect, useRef } from 'preact/hooks';
import { POLL_MS } from './format';

/**
 * Runs `poll` every `ms` while `active`, one call at a time (the next waits for the last);
 * a hidden tab skips its turns. A failed call is tried again on the next turn.
 */
export function usePoll(active: boolean, poll: (signal: AbortSignal) => Promise<void>, ms = POLL_MS): void {
  const latest = useRef(poll);
  latest.current = poll;

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const turn = () => {
      timer = setTimeout(async () => {
        if (!document.hidden) await latest.current(controller.signal).catch(() => {});
        if (!controller.signal.aborted) turn();
      }, ms);
    };
    turn();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [active, ms]);
}
