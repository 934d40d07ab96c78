import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, WireBot, WireConversation, WireMessage } from '../../../backend/src/chat/widget.events';
import type { ChatBridge } from '../shared/contract';
import { ChatStore } from './chat-store';
import { createVisitorStore, type StorageLike } from './storage';

type ServerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const bot: WireBot = { name: 'Advisor', greeting: 'Hi', suggestions: ['Sleep?'], locale: 'en', color: '#0f766e', demo: true,
  handoff: false, staffed: false, officeHours: null };
const createdAt = '2026-01-01T00:00:00.000Z';
/** What the handshake says of the page (no referrer: left out). */
const page = { url: 'https://shop.example/pricing?plan=pro' };
/** The browser's languages (set below): the first the widget has strings for goes in the handshake. */
const LANGUAGES = ['fr-FR', 'en-GB', 'zh-CN'];
const locale = 'en-GB';

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string) { return this.map.get(key) ?? null; }
  setItem(key: string, value: string) { this.map.set(key, value); }
  removeItem(key: string) { this.map.delete(key); }
}

/** The real one, kept for polling while a test fakes the clock. */
const realSetTimeout = setTimeout;

async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  for (let i = 0; i < ms / 10 && !check(); i++) await new Promise((r) => realSetTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('ChatStore against a socket.io server', () => {
  const realNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  beforeAll(() => Object.defineProperty(globalThis, 'navigator', { configurable: true, value: { languages: LANGUAGES } }));
  afterAll(() => {
    if (realNavigator) Object.defineProperty(globalThis, 'navigator', realNavigator);
  });
  let http: HttpServer;
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  let widget: Namespace<ClientToServerEvents, ServerToClientEvents>;
  let backend: string;
  let auths: Array<Record<string, unknown>>;
  let sockets: ServerSocket[];
  let refuse: string | undefined;
  /** The refusal's `data`, as the gateway sends `retryAfterMs`. */
  let refuseData: object | undefined;
  /** Handshakes the namespace saw, refused or not. */
  let handshakes: number;
  /** The network is down: WebSocket upgrades are refused at the HTTP level. */
  let offline: boolean;
  const stores: ChatStore[] = [];

  beforeEach(async () => {
    auths = [];
    sockets = [];
    refuse = undefined;
    refuseData = undefined;
    handshakes = 0;
    offline = false;
    // The host page's address and referrer, as a browser has them.
    (globalThis as { location?: unknown }).location = { origin: 'https://shop.example', href: page.url };
    (globalThis as { document?: unknown }).document = { referrer: '' };
    http = createServer();
    io = new Server(http, { allowRequest: (_req, cb) => cb(null, !offline) });
    widget = io.of('/widget');
    widget.use((_socket, next) => {
      handshakes++;
      next(refuse ? Object.assign(new Error(refuse), { data: refuseData }) : undefined);
    });
    widget.on('connection', (socket: ServerSocket) => {
      auths.push({ ...socket.handshake.auth });
      sockets.push(socket);
      socket.emit('session', { visitor: `v${auths.length}`, conversation: { id: 'c1', state: 'bot', messages: [] }, bot });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    backend = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) store.dispose();
    for (const s of sockets) s.disconnect(true);
    await new Promise<void>((r) => io.close(() => r()));
    delete (globalThis as { location?: unknown }).location;
    delete (globalThis as { document?: unknown }).document;
  });

  function setup(storage = new MemoryStorage(), identity?: { id: string; name?: string }, Store = ChatStore) {
    const events: Array<[string, unknown]> = [];
    const bridge: ChatBridge = { emit: (e, d) => events.push([e, d]), openChanged: () => undefined, identity: () => identity };
    const config = { backend, bot: 'pk_test', position: 'right' as const, open: false, zIndex: 1, offset: 0 };
    const store = new Store(config, bridge, createVisitorStore('pk_test', () => storage));
    stores.push(store);
    return { store, events, storage };
  }

  it('connects on open, keeps the visitor token and streams a reply', async () => {
    const { store, events, storage } = setup();
    expect(store.state.phase).toBe('idle');
    store.open();
    await until(() => store.state.phase === 'ready', 'session');
    expect(auths[0]).toEqual({ bot: 'pk_test', locale, page });
    expect(storage.map.get('customchat:visitor:pk_test')).toBe('v1');
    expect(store.state.bot).toEqual(bot);

    sockets[0].on('message:send', ({ clientId, text }, ack) => {
      expect(text).toBe('hello');
      expect(clientId).toMatch(/^[0-9a-f-]{32,36}$/);
      ack({ ok: true, messageId: 'm1', replyId: 'r1' });
      sockets[0].emit('reply:start', { replyId: 'r1', conversationId: 'c1', inReplyTo: 'm1' });
      sockets[0].emit('reply:delta', { replyId: 'r1', seq: 1, text: 'lo' });
      sockets[0].emit('reply:delta', { replyId: 'r1', seq: 0, text: 'Hel' });
    });
    await expect(store.send('  hello ')).resolves.toBe(true);
    await until(() => store.state.conversation.messages[1]?.text === 'Hello', 'deltas');

    sockets[0].emit('reply:end', { replyId: 'r1', status: 'complete', text: 'Hello!' });
    await until(() => store.state.conversation.messages[1]?.status === 'complete', 'reply:end');
    expect(store.state.conversation.messages.map((m) => [m.id, m.text])).toEqual([['m1', 'hello'], ['r1', 'Hello!']]);
    expect(events).toEqual([
      ['open', undefined],
      ['message', { id: 'm1', text: 'hello' }],
      ['reply', { id: 'r1', text: 'Hello!', status: 'complete' }],
    ]);
  });

  it('sends the stored visitor token back and forgets it on reset', async () => {
    const storage = new MemoryStorage();
    storage.setItem('customchat:visitor:pk_test', 'old');
    const { store } = setup(storage);
    store.open();
    await until(() => store.state.phase === 'ready', 'session');
    expect(auths[0]).toEqual({ bot: 'pk_test', visitor: 'old', locale, page });
    store.reset();
    await until(() => auths.length === 2 && store.state.phase === 'ready', 'second session');
    expect(auths[1]).toEqual({ bot: 'pk_test', locale, page });
    expect(storage.map.get('customchat:visitor:pk_test')).toBe('v2');
  });

  it('shows a refused handshake', async () => {
    refuse = 'origin_not_allowed';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { store } = setup();
    store.open();
    await until(() => store.state.phase === 'refused', 'refusal');
    expect(store.state.refusal).toBe('origin_not_allowed');
    warn.mockRestore();
  });

  /**
   * Fakes the clock (the sockets' I/O stays real) and records when, on that clock, the widget
   * opens each WebSocket: a knock on the server's door.
   */
  async function withFakeClock(test: (knocks: number[]) => Promise<void>): Promise<void> {
    const RealWebSocket = globalThis.WebSocket;
    const knocks: number[] = [];
    globalThis.WebSocket = class extends RealWebSocket {
      constructor(url: string | URL) {
        super(url);
        knocks.push(Date.now());
      }
    };
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await test(knocks);
    } finally {
      jest.useRealTimers();
      globalThis.WebSocket = RealWebSocket;
    }
  }

  it.each([
    ['50 s', 50_000, 50_000, 62_500],
    ['an hour, capped at 10 minutes', 3_600_000, 600_000, 600_000],
  ])('waits the retryAfterMs a temporary refusal names (%s) before knocking again', (_what, retryAfterMs, notBefore, by) =>
    withFakeClock(async (knocks) => {
      refuse = 'rate_limited';
      refuseData = { retryAfterMs };
      const { store } = setup();
      store.open();
      await until(() => store.state.phase === 'offline', 'the refusal');
      expect(store.state.refusal).toBe('rate_limited');
      expect(knocks).toHaveLength(1);

      jest.advanceTimersByTime(notBefore - 1);
      expect(knocks).toHaveLength(1);
      refuse = undefined;
      jest.advanceTimersByTime(by - notBefore + 1);
      expect(knocks).toHaveLength(2);
      expect(knocks[1] - knocks[0]).toBeGreaterThanOrEqual(notBefore);
      await until(() => store.state.phase === 'ready', 'the session after the wait');
      expect(handshakes).toBe(2);
    }));

  it('does not knock again by itself when the site is not allowed (the loader, not the chat, tells the developer)', () =>
    withFakeClock(async (knocks) => {
      refuse = 'origin_not_allowed';
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      // A fresh module: a page load of its own.
      let Store!: typeof ChatStore;
      jest.isolateModules(() => ({ ChatStore: Store } = require('./chat-store')));
      try {
        const { store } = setup(undefined, undefined, Store);
        store.open();
        await until(() => store.state.phase === 'refused', 'the refusal');
        jest.advanceTimersByTime(3_600_000);
        expect(knocks).toHaveLength(1);

        // The visitor opens the panel again: one more knock, refused again, and no second warning.
        store.close();
        store.open();
        await until(() => handshakes === 2 && store.state.phase === 'refused', 'the second refusal');
        expect(knocks).toHaveLength(2);
        expect(warn.mock.calls).toEqual([]);
      } finally {
        warn.mockRestore();
      }
    }));

  it('knocks again after a temporary refusal and connects once the server is back', async () => {
    refuse = 'unavailable';
    const { store } = setup();
    store.open();
    await until(() => store.state.phase === 'offline', 'the temporary refusal');
    expect(store.state.refusal).toBe('unavailable');
    const attempts = () => auths.length;
    expect(attempts()).toBe(0);
    refuse = undefined;
    await until(() => store.state.phase === 'ready', 'the retry after the refusal', 10_000);
    expect(store.state.refusal).toBeUndefined();
  });

  it('keeps a refused message out of the list and reports the error', async () => {
    const { store } = setup();
    store.open();
    await until(() => store.state.phase === 'ready', 'session');
    const error = { code: 'busy' as const, message: 'One moment.' };
    sockets[0].on('message:send', (_payload, ack) => ack({ ok: false, error }));
    await expect(store.send('again')).resolves.toBe(false);
    expect(store.state.conversation.messages).toEqual([]);
    expect(store.state.conversation.error).toEqual(error);
  });

  it('stops the streaming reply and starts a new conversation', async () => {
    const { store } = setup();
    store.open();
    await until(() => store.state.phase === 'ready', 'session');
    const stopped: string[] = [];
    sockets[0].on('reply:stop', ({ replyId }, ack) => { stopped.push(replyId); ack({ ok: true }); });
    sockets[0].on('conversation:new', (_p, ack) => ack({ ok: true, conversation: { id: 'c2', state: 'bot', messages: [] } }));
    sockets[0].emit('session', {
      visitor: 'v1', bot,
      conversation: { id: 'c1', state: 'bot', messages: [{ id: 'r9', role: 'assistant', text: 'par', status: 'streaming', createdAt }] },
    });
    await until(() => store.state.conversation.messages.length === 1, 'resumed session');
    sockets[0].emit('reply:delta', { replyId: 'r9', seq: 4, text: 'par' });
    sockets[0].emit('reply:delta', { replyId: 'r9', seq: 5, text: 'tial' });
    await until(() => store.state.conversation.messages[0].text === 'partial', 'resumed deltas');
    store.stop();
    await until(() => stopped.length === 1, 'reply:stop');
    expect(stopped).toEqual(['r9']);
    await store.newConversation();
    expect(store.state.conversation).toMatchObject({ id: 'c2', messages: [] });
  });

  it('keeps the sources of stored answers and of the streaming reply, across a reconnect', async () => {
    const source = (n: number) => ({ n, sourceId: `s${n}`, title: `Doc ${n}`, excerpt: `Passage ${n}` });
    const { store } = setup();
    store.open();
    await until(() => store.state.phase === 'ready', 'session');
    sockets[0].emit('session', {
      visitor: 'v1', bot,
      conversation: { id: 'c1', state: 'bot', messages: [
        { id: 'u1', role: 'user', text: 'q', status: 'complete', createdAt },
        { id: 'r1', role: 'assistant', text: 'Yes [1].', status: 'complete', createdAt, sources: [source(1)] },
      ] },
    });
    await until(() => store.state.conversation.messages.length === 2, 'session with sources');
    expect(store.state.conversation.messages[1].sources).toEqual([source(1)]);

    sockets[0].on('message:send', (_payload, ack) => {
      ack({ ok: true, messageId: 'u2', replyId: 'r2' });
      sockets[0].emit('reply:start', { replyId: 'r2', conversationId: 'c1', inReplyTo: 'u2' });
      sockets[0].emit('reply:sources', { replyId: 'r2', sources: [source(1), source(2)] });
      sockets[0].emit('reply:delta', { replyId: 'r2', seq: 0, text: 'See [2]' });
    });
    await store.send('more');
    await until(() => store.state.conversation.messages[3]?.text === 'See [2]', 'the delta');
    expect(store.state.conversation.messages[3].sources).toEqual([source(1), source(2)]);

    // The connection drops; the server's session after it holds the reply without its sources.
    widget.removeAllListeners('connection');
    widget.on('connection', (socket: ServerSocket) => {
      sockets.push(socket);
      socket.emit('session', { visitor: 'v1', bot, conversation: { id: 'c1', state: 'bot', messages: [
        { id: 'u2', role: 'user', text: 'more', status: 'complete', createdAt },
        { id: 'r2', role: 'assistant', text: 'See [2]', status: 'streaming', createdAt, seq: 1 },
      ] } });
    });
    sockets[0].conn.close();
    await until(() => sockets.length === 2 && store.state.phase === 'ready', 'the session after the reconnect');
    sockets[1].emit('reply:end', { replyId: 'r2', status: 'complete', text: 'See [2].' });
    await until(() => store.state.conversation.messages[1]?.status === 'complete', 'reply:end');
    expect(store.state.conversation.messages[1]).toMatchObject({ id: 'r2', text: 'See [2].', sources: [source(1), source(2)] });
  });

  it('lists the visitor’s conversations, opens one, and names it when it reconnects', async () => {
    const { store, storage } = setup();
    store.open();
    await until(() => store.state.phase === 'ready', 'session');
    const earlier = { id: 'c0', startedAt: createdAt, lastMessageAt: createdAt, preview: 'Sleep?', messageCount: 2 };
    sockets[0].on('conversations:list', (_p, ack) => ack({ ok: true, conversations: [earlier] }));
    await expect(store.listConversations()).resolves.toEqual([earlier]);

    const opened: unknown[] = [];
    sockets[0].on('conversation:open', (payload, ack) => {
      opened.push(payload);
      if (payload.conversationId !== 'c0') return ack({ ok: false, error: { code: 'not_found', message: 'That could not be found.' } });
      ack({ ok: true, conversation: { id: 'c0', state: 'bot', messages: [
        { id: 'u0', role: 'user', text: 'Sleep?', status: 'complete', createdAt },
        { id: 'r0', role: 'assistant', text: 'Go to bed early.', status: 'complete', createdAt: '2026-01-01T00:00:05.000Z' },
      ] } });
    });
    await expect(store.openConversation('nope')).resolves.toBe(false);
    expect(store.state.conversation).toMatchObject({ id: 'c1', error: { code: 'not_found' } });
    await expect(store.openConversation('c0')).resolves.toBe(true);
    expect(opened).toEqual([{ conversationId: 'nope' }, { conversationId: 'c0' }]);
    expect(store.state.conversation).toMatchObject({ id: 'c0', error: null });
    expect(store.state.conversation.messages.map((m) => [m.id, m.at])).toEqual([['u0', Date.parse(createdAt)], ['r0', Date.parse(createdAt) + 5000]]);
    // Kept for the next page too.
    expect(storage.map.get('customchat:conversation:pk_test')).toBe('c0');

    // A dropped connection comes back to the conversation on screen, not the server's latest.
    widget.once('connection', (socket: ServerSocket) => sockets.push(socket));
    sockets[0].conn.close();
    await until(() => auths.length === 2, 'the reconnect');
    expect(auths[1]).toMatchObject({ conversation: 'c0', visitor: 'v1' });
    expect(auths[0].conversation).toBeUndefined();
  });

  async function ready(storage?: MemoryStorage, identity?: { id: string }) {
    const world = setup(storage, identity);
    world.store.open();
    await until(() => world.store.state.phase === 'ready', 'session');
    return world;
  }

  it('sends the page identity in the handshake', async () => {
    await ready(undefined, { id: 'u-7' });
    expect(auths[0]).toEqual({ bot: 'pk_test', identity: { id: 'u-7' }, locale, page });
  });

  it('queues a message typed while offline and sends it once, with its clientId, when the network is back', async () => {
    const { store } = await ready();
    const sends: Array<{ clientId: string; text: string }> = [];
    widget.on('connection', (socket: ServerSocket) => socket.on('message:send', (payload, ack) => {
      sends.push(payload);
      ack({ ok: true, messageId: 'm1', replyId: 'r1' });
    }));
    offline = true;
    sockets[0].conn.close();
    await until(() => store.state.phase === 'offline', 'offline');
    await expect(store.send('typed offline')).resolves.toBe(true);
    expect(store.state.conversation.messages.map((m) => [m.text, m.status])).toEqual([['typed offline', 'queued']]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sends).toEqual([]);

    offline = false;
    await until(() => store.state.conversation.messages[0]?.status === 'complete', 'the queued message sent', 15_000);
    expect(store.state.phase).toBe('ready');
    expect(sends).toHaveLength(1);
    expect(sends[0].text).toBe('typed offline');
    expect(store.state.conversation.messages.map((m) => m.id)).toEqual(['m1', 'r1']);
  });

  it('resends a message whose ack was lost with the connection, under the same clientId, and shows it once', async () => {
    const { store } = await ready();
    const clientIds: string[] = [];
    widget.on('connection', (socket: ServerSocket) => {
      // After the reconnect the server's session already holds the stored message.
      socket.emit('session', {
        visitor: 'v1', bot,
        conversation: { id: 'c1', state: 'bot', messages: [{ id: 'm1', role: 'user', text: 'hello', status: 'complete', createdAt }] },
      });
      socket.on('message:send', ({ clientId }, ack) => {
        clientIds.push(clientId);
        ack({ ok: true, messageId: 'm1', replyId: 'r1' });
      });
    });
    sockets[0].on('message:send', ({ clientId }) => {
      clientIds.push(clientId);
      sockets[0].conn.close(); // stored, but the ack is lost
    });
    await expect(store.send('hello')).resolves.toBe(true);
    await until(() => clientIds.length === 2 && store.state.conversation.messages.every((m) => m.status !== 'sending' && m.status !== 'queued'), 'the resend', 15_000);
    expect(clientIds[1]).toBe(clientIds[0]);
    expect(store.state.conversation.messages.map((m) => [m.id, m.text])).toEqual([['m1', 'hello'], ['r1', '']]);
  });

  it('retries a failed reply and rates an answer', async () => {
    const { store } = await ready();
    const retried: string[] = [];
    const ratings: unknown[] = [];
    sockets[0].on('reply:retry', ({ replyId }, ack) => { retried.push(replyId); ack({ ok: true, replyId: 'r2' }); });
    sockets[0].on('feedback', (payload, ack) => {
      ratings.push(payload);
      ack(ratings.length === 1 ? { ok: true } : { ok: false, error: { code: 'not_found', message: 'Gone.' } });
    });
    sockets[0].emit('session', {
      visitor: 'v1', bot,
      conversation: { id: 'c1', state: 'bot', messages: [
        { id: 'u1', role: 'user', text: 'q', status: 'complete', createdAt },
        { id: 'r1', role: 'assistant', text: 'par', status: 'failed', createdAt },
      ] },
    });
    await until(() => store.state.conversation.messages.length === 2, 'session with a failed reply');
    await store.retry('r1');
    expect(retried).toEqual(['r1']);
    expect(store.state.conversation.messages.map((m) => [m.id, m.status])).toEqual([['u1', 'complete'], ['r2', 'streaming']]);
    sockets[0].emit('reply:end', { replyId: 'r2', status: 'complete', text: 'Better.' });
    await until(() => store.state.announcement?.id === 'r2', 'announcement');
    expect(store.state.announcement).toEqual({ id: 'r2', text: 'Better.' });

    await store.rate('r2', 'up');
    expect(store.state.conversation.messages[1].feedback).toBe('up');
    await store.rate('r2', 'down');
    // Refused: the earlier rating comes back and the error shows.
    expect(store.state.conversation.messages[1].feedback).toBe('up');
    expect(store.state.conversation.error).toEqual({ code: 'not_found', message: 'Gone.' });
    expect(ratings).toEqual([{ messageId: 'r2', rating: 'up' }, { messageId: 'r2', rating: 'down' }]);
  });

  describe('human handoff (PROTOCOL §7)', () => {
    const staffed: WireBot = { ...bot, handoff: true, staffed: true };
    const unstaffed: WireBot = { ...bot, handoff: true, staffed: false };
    const session = (socket: ServerSocket, state: WireConversation['state'], withBot = staffed, agent?: { name: string }, messages: WireMessage[] = []) =>
      socket.emit('session', { visitor: 'v1', bot: withBot, conversation: { id: 'c1', state, agent, messages } });

    it('sends the page address and referrer, each cut to 1000 characters', async () => {
      (globalThis as { location?: unknown }).location = { origin: 'https://shop.example', href: `https://shop.example/?q=${'x'.repeat(2000)}` };
      (globalThis as { document?: unknown }).document = { referrer: `https://search.example/?q=${'y'.repeat(2000)}` };
      await ready();
      const sent = auths[0].page as { url: string; referrer: string };
      expect(sent.url).toBe(`https://shop.example/?q=${'x'.repeat(2000)}`.slice(0, 1000));
      expect(sent.referrer).toBe(`https://search.example/?q=${'y'.repeat(2000)}`.slice(0, 1000));
    });

    it('follows who answers from the session and conversation:state, the session winning after a reconnect', async () => {
      const { store } = await ready();
      session(sockets[0], 'human', staffed, { name: 'Li Wei' });
      await until(() => store.state.conversation.state === 'human', 'the session state');
      expect(store.state.conversation.agent).toEqual({ name: 'Li Wei' });
      sockets[0].emit('conversation:state', { state: 'bot' });
      await until(() => store.state.conversation.state === 'bot', 'conversation:state');
      expect(store.state.conversation).toMatchObject({ agent: undefined, back: true });
      sockets[0].emit('conversation:state', { state: 'human', agent: { name: 'Ana' } });
      await until(() => store.state.conversation.state === 'human', 'conversation:state human');

      // The staff member closed it while the visitor was away: the next session says so.
      widget.removeAllListeners('connection');
      widget.on('connection', (socket: ServerSocket) => { sockets.push(socket); session(socket, 'closed'); });
      sockets[0].conn.close();
      await until(() => sockets.length === 2 && store.state.conversation.state === 'closed', 'the session after the reconnect');
      expect(store.state.conversation).toMatchObject({ agent: undefined, back: false });
    });

    it('asks for a person, and shows a refusal like other errors', async () => {
      const { store } = await ready();
      session(sockets[0], 'bot');
      await until(() => store.state.bot?.handoff === true, 'the session');
      const asked: unknown[] = [];
      sockets[0].on('handoff:request', (payload, ack) => {
        asked.push(payload);
        ack(asked.length === 1 ? { ok: true, state: 'waiting' } : { ok: false, error: { code: 'rate_limited', message: 'Slow down.' } });
      });
      await store.handoff();
      expect(asked).toEqual([{}]);
      expect(store.state.conversation.state).toBe('waiting');
      // Someone can answer: no form to leave a message.
      expect(store.state.leave).toBeUndefined();
      await store.handoff();
      expect(store.state.conversation.error).toEqual({ code: 'rate_limited', message: 'Slow down.' });
    });

    it('appends staff messages once each, announces them, and shows the staff typing until a message or 10 s of silence', () =>
      withFakeClock(async () => {
        const { store } = await ready();
        session(sockets[0], 'human', staffed, { name: 'Li Wei' });
        await until(() => store.state.conversation.state === 'human', 'the session');
        sockets[0].emit('typing', { on: true });
        await until(() => store.state.typing === true, 'typing');
        const message: WireMessage = { id: 'a1', role: 'agent', text: 'Hello', status: 'complete', createdAt, author: { name: 'Li Wei' } };
        sockets[0].emit('message:new', { message });
        sockets[0].emit('message:new', { message });
        await until(() => store.state.typing === false, 'typing hidden by the message');
        expect(store.state.conversation.messages.map((m) => [m.id, m.role, m.author?.name])).toEqual([['a1', 'agent', 'Li Wei']]);
        expect(store.state.announcement).toEqual({ id: 'a1', text: 'Hello' });

        sockets[0].emit('typing', { on: true });
        await until(() => store.state.typing === true, 'typing again');
        jest.advanceTimersByTime(9_000);
        // Still typing: an update starts the 10 s again.
        sockets[0].emit('typing', { on: true });
        // Events keep their order: once this one is in, so is the typing update before it.
        sockets[0].emit('conversation:state', { state: 'human', agent: { name: 'Ana' } });
        await until(() => store.state.conversation.agent?.name === 'Ana', 'the update');
        jest.advanceTimersByTime(9_999);
        expect(store.state.typing).toBe(true);
        jest.advanceTimersByTime(1);
        expect(store.state.typing).toBe(false);
        sockets[0].emit('typing', { on: true });
        sockets[0].emit('typing', { on: false });
        await until(() => store.state.typing === false, 'typing off');
      }));

    it('expects no reply to a send acked with replyId null, and sends the next message right away', async () => {
      const { store, events } = await ready();
      session(sockets[0], 'human', staffed, { name: 'Li Wei' });
      await until(() => store.state.conversation.state === 'human', 'the session');
      const sent: string[] = [];
      sockets[0].on('message:send', ({ text }, ack) => {
        sent.push(text);
        // The wire type still says `replyId: string`; PROTOCOL §7 answers null while a person answers.
        ack({ ok: true, messageId: `u${sent.length}`, replyId: null as unknown as string });
      });
      await expect(Promise.all([store.send('one'), store.send('two')])).resolves.toEqual([true, true]);
      // Nothing streams, so nothing holds the second one back.
      await until(() => store.state.conversation.messages[1]?.status === 'complete', 'the second send');
      expect(sent).toEqual(['one', 'two']);
      expect(store.state.conversation.messages.map((m) => [m.id, m.role, m.status])).toEqual([['u1', 'user', 'complete'], ['u2', 'user', 'complete']]);
      expect(store.state.conversation.assembling).toEqual({});
      expect(events.filter(([e]) => e === 'message')).toHaveLength(2);
    });

    it('offers a form to leave a message when nobody can answer, and sends it', async () => {
      const { store } = await ready();
      session(sockets[0], 'bot', unstaffed);
      await until(() => store.state.bot?.staffed === false, 'the session');
      sockets[0].on('handoff:request', (_payload, ack) => ack({ ok: true, state: 'bot' }));
      const left: unknown[] = [];
      sockets[0].on('offline:message', (payload, ack) => {
        left.push(payload);
        ack(left.length === 1 ? { ok: false, error: { code: 'bad_request', message: 'Invalid email.' } } : { ok: true });
      });
      await store.handoff();
      expect(store.state.leave).toBe('form');
      await expect(store.leaveMessage('a@b.co', 'Call me')).resolves.toBe(false);
      expect(store.state.conversation.error).toEqual({ code: 'bad_request', message: 'Invalid email.' });
      expect(store.state.leave).toBe('form');
      await expect(store.leaveMessage('me@shop.example', 'Call me')).resolves.toBe(true);
      expect(left).toEqual([{ email: 'a@b.co', text: 'Call me' }, { email: 'me@shop.example', text: 'Call me' }]);
      expect(store.state).toMatchObject({ leave: 'sent', conversation: { error: null } });
      store.cancelLeave();
      expect(store.state.leave).toBeUndefined();

      // The wait for a person begins (a rule asked for one) while nobody can answer: the form again.
      sockets[0].emit('conversation:state', { state: 'waiting' });
      await until(() => store.state.leave === 'form', 'the form');
      // A new conversation starts without it.
      sockets[0].on('conversation:new', (_p, ack) => ack({ ok: true, conversation: { id: 'c2', state: 'bot', messages: [] } }));
      await store.newConversation();
      expect(store.state.leave).toBeUndefined();
    });
  });
});
