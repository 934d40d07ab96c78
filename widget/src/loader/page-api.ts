import type { ChatHandle, Identity, WidgetEvent } from '../shared/contract';

type Listener = (detail?: unknown) => void;

const EVENTS: readonly WidgetEvent[] = ['open', 'close', 'message', 'reply', 'unavailable'];
/** Commands forwarded to the chat; queued until it is attached. */
const FORWARDED = ['open', 'close', 'toggle', 'reset'] as const;
type Forwarded = (typeof FORWARDED)[number];

export interface PageApiHooks {
  /** A command needs the chat and it is not attached yet: start loading it. */
  demand(): void;
  warn(message: string): void;
  /** `CustomChat('offset', px)`: lifts the bubble (and the panel) by px above the bottom. */
  offset(px: number): void;
}

/**
 * `window.CustomChat(command, ...args)`: queues what needs the chat until the chat is
 * attached, keeps listeners and identity itself. No DOM, so it is unit-tested.
 */
export function createPageApi(hooks: PageApiHooks) {
  const queue: Forwarded[] = [];
  const listeners = new Map<WidgetEvent, Set<Listener>>();
  let handle: ChatHandle | undefined;
  let identity: Identity | undefined;
  /** The `unavailable` detail once fired: a listener added later hears it at once. */
  let gone: unknown;

  function on(event: unknown, fn: unknown): (() => void) | undefined {
    if (!EVENTS.includes(event as WidgetEvent) || typeof fn !== 'function') {
      hooks.warn(`CustomChat('on'): unknown event ${String(event)} or missing callback`);
      return undefined;
    }
    const set = listeners.get(event as WidgetEvent) ?? new Set<Listener>();
    listeners.set(event as WidgetEvent, set);
    set.add(fn as Listener);
    if (gone && event === 'unavailable') (fn as Listener)(gone);
    return () => set.delete(fn as Listener);
  }

  function identify(value: unknown): void {
    const candidate = value as Identity | null;
    if (!candidate || typeof candidate !== 'object' || typeof candidate.id !== 'string' || !candidate.id) {
      hooks.warn("CustomChat('identify'): expected an object with a string id");
      return;
    }
    identity = { ...candidate };
  }

  function call(command?: unknown, ...args: unknown[]): unknown {
    if (command === 'on') return on(args[0], args[1]);
    if (command === 'identify') return identify(args[0]);
    if (command === 'offset') return hooks.offset(Number(args[0]) || 0);
    if (!FORWARDED.includes(command as Forwarded)) {
      hooks.warn(`CustomChat: unknown command ${String(command)}`);
      return undefined;
    }
    if (handle) {
      handle[command as Forwarded]();
    } else {
      queue.push(command as Forwarded);
      if (command === 'open' || command === 'toggle') hooks.demand();
    }
    return undefined;
  }

  return {
    call,
    /** Replays the queue in order, then forwards every later command directly. */
    attach(chat: ChatHandle): void {
      handle = chat;
      for (const command of queue.splice(0)) chat[command]();
    },
    attached: (): boolean => handle !== undefined,
    identity: (): Identity | undefined => identity,
    emit(event: WidgetEvent, detail?: unknown): void {
      if (event === 'unavailable') gone = detail;
      for (const fn of listeners.get(event) ?? []) {
        try {
          fn(detail);
        } catch (error) {
          hooks.warn(`CustomChat: a '${event}' listener threw: ${String(error)}`);
        }
      }
    },
  };
}

export type PageApi = ReturnType<typeof createPageApi>;

/** Replays the calls a stub `window.CustomChat` queued as `CustomChat.q` (arguments objects). */
export function replayStubQueue(api: PageApi, queued: unknown): void {
  if (!Array.isArray(queued)) return;
  for (const args of queued) api.call(...Array.from(args as ArrayLike<unknown>));
}
