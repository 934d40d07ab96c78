import { navigate, setLeaveGuard } from './router';

/** Just enough of a browser window for navigate(): a location, history and events. */
function fakeWindow() {
  const events: string[] = [];
  const win = {
    location: { pathname: '/console/bots/b1', search: '' },
    history: {
      pushState: (_: unknown, __: string, to: string) => Object.assign(win.location, { pathname: to, search: '' }),
      replaceState: (_: unknown, __: string, to: string) => Object.assign(win.location, { pathname: to, search: '' }),
    },
    dispatchEvent: (e: Event) => (events.push(e.type), true),
  };
  return { win, events };
}

describe('leave guard', () => {
  const original = (globalThis as { window?: unknown }).window;
  afterEach(() => ((globalThis as { window?: unknown }).window = original));

  it('holds a navigation until the guard proceeds, and is gone once released', () => {
    const { win, events } = fakeWindow();
    (globalThis as { window?: unknown }).window = win;
    let proceed: (() => void) | null = null;
    const release = setLeaveGuard((go) => ((proceed = go), true));

    navigate('/console/bots');
    expect(win.location.pathname).toBe('/console/bots/b1');
    expect(events).toEqual([]);
    proceed!();
    expect(win.location.pathname).toBe('/console/bots');
    expect(events).toEqual(['customchat:navigate']);

    release();
    navigate('/console/usage');
    expect(win.location.pathname).toBe('/console/usage');
  });

  it('lets a navigation through when the guard says so, and a stale release leaves a newer guard alone', () => {
    const { win } = fakeWindow();
    (globalThis as { window?: unknown }).window = win;
    const releaseOld = setLeaveGuard(() => false);
    navigate('/console/members');
    expect(win.location.pathname).toBe('/console/members');
    const releaseNew = setLeaveGuard(() => true);
    releaseOld();
    navigate('/console/usage');
    expect(win.location.pathname).toBe('/console/members');
    releaseNew();
  });
});
