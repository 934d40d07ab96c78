import { useEffect, useState } from 'preact/hooks';

/** A tiny History API router: the location as state, and navigation that tells every listener. */

const CHANGE = 'customchat:navigate';

export interface Location {
  pathname: string;
  search: string;
}

function current(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

/**
 * Asked before an in-app navigation: true holds it (the guard calls `proceed` if the person
 * still wants to go), false lets it through.
 */
export type LeaveGuard = (proceed: () => void) => boolean;

let leaveGuard: LeaveGuard | null = null;

/** Installs the one guard (a screen with unsaved changes); the answer removes it. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** Goes to `to` (a path with an optional query) without reloading the page, unless a leave guard holds it. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === `${window.location.pathname}${window.location.search}`) return;
  const go = () => {
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    window.dispatchEvent(new Event(CHANGE));
  };
  if (leaveGuard?.(go)) return;
  go();
}

/** The current location; re-renders on links, back and forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return location;
}

/** True for a plain left click, which a link handles itself; other clicks (new tab…) go to the browser. */
export function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}
