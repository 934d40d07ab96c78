/**
 * The staff member's typing signal: `on` at the first keystroke and again at most every
 * `throttleMs` while typing goes on (so the visitor's indicator does not lapse), `off` after
 * `idleMs` without a keystroke, or at once when the message is sent.
 */
export interface TypingSignal {
  /** A keystroke (an input event). */
  input(): void;
  /** Sent, cleared, or leaving the conversation: `off` if `on` was said. */
  stop(): void;
}

export function createTypingSignal(emit: (on: boolean) => void, opts: { throttleMs?: number; idleMs?: number; now?: () => number } = {}): TypingSignal {
  const throttle = opts.throttleMs ?? 3000;
  const idle = opts.idleMs ?? 4000;
  const now = opts.now ?? Date.now;
  let lastOn = -Infinity;
  let on = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(timer);
    if (on) emit(false);
    on = false;
    lastOn = -Infinity;
  };
  return {
    input() {
      if (!on || now() - lastOn >= throttle) {
        emit(true);
        on = true;
        lastOn = now();
      }
      clearTimeout(timer);
      timer = setTimeout(stop, idle);
    },
    stop,
  };
}
