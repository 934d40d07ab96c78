import { useEffect, useRef, useState } from 'preact/hooks';
import { setLeaveGuard } from './router';

export interface UnsavedGuard {
  /** An in-app navigation is waiting for the person to confirm. */
  asking: boolean;
  /** Stay on the page; the navigation is dropped. */
  stay(): void;
  /** Go on with the navigation; the changes are lost. */
  leave(): void;
}

/**
 * While `dirty`: the browser's own prompt before the page unloads (reload, closing the tab, a
 * plain link), and an in-app question before the console's router leaves the screen.
 */
export function useUnsavedGuard(dirty: boolean): UnsavedGuard {
  const [asking, setAsking] = useState(false);
  const pending = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older Chromium needs a value set
    };
    window.addEventListener('beforeunload', beforeUnload);
    const release = setLeaveGuard((proceed) => {
      pending.current = proceed;
      setAsking(true);
      return true;
    });
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      release();
    };
  }, [dirty]);

  return {
    asking,
    stay() {
      pending.current = null;
      setAsking(false);
    },
    leave() {
      const proceed = pending.current;
      pending.current = null;
      setAsking(false);
      proceed?.();
    },
  };
}
