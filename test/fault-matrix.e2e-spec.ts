import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { BotKeyBox } from '../backend/src/bots/bot-key-box';
import type { BotSettings } from '../backend/src/bots/bot-settings';
import { Bot } from '../backend/src/bots/bot.entity';
import { errorMessage } from '../backend/src/chat/chat-error';
import type { ErrorCode, ReplyEndEvent } from '../backend/src/chat/widget.events';
import { Conversation } from '../backend/src/conversations/conversation.entity';
import { Message } from '../backend/src/conversations/message.entity';
import type { TranscriptMessage } from '../backend/src/conversations/dto/conversation.views';
import { createUser, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { waitUntil } from './support/wait-until';
import { createBot } from './support/fixtures';
import { recordWire, turn, WireLog } from './support/reply-turn';
import { SIM_DEPLOYMENT, SIM_KEY } from './support/test-app';
import { connectVisitor, emitAck, nextEvent, VisitorSocket } from './support/visitor';

/**
 * Every upstream fault the simulator can inject, each with its designed behaviour: what the visitor
 * gets on the wire, what is stored, how many requests reached "Azure" (one retry layer, bounded),
 * and that the same server then answers a healthy turn.
 */

// Small bounds keep the suite quick; the behaviour is the same as with the defaults.
const TIMEOUTS: Partial<BotSettings> = { firstTokenTimeoutMs: 600, stallTimeoutMs: 400 };
const RETRY_BUDGET_MS = 2_000;
const BREAKER_COOLDOWN_MS = 700;
const BOT_KEY = 'bot-own-secret-key-4f1c9a7e';

describe('upstream faults: one designed behaviour each', () => {
  const h = chatHarness({
    env: {
      LOG_LEVEL: 'warn',
      UPSTREAM_MAX_RETRIES: '2',
      UPSTREAM_RETRY_BUDGET_MS: String(RETRY_BUDGET_MS),
      UPSTREAM_RETRY_BASE_DELAY_MS: '20',
      UPSTREAM_BREAKER_THRESHOLD: '4',
      UPSTREAM_BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
      // This file connects many visitors from one address; the connection limits are not under test.
      RATE_IP_CONNECTIONS_PER_MINUTE: '0',
      RATE_IP_NEW_VISITORS_PER_HOUR: '0',
      // Bots of this file point their own endpoints at loopback servers (a dead port, a second simulator).
      ALLOW_PRIVATE_ENDPOINTS: 'true',
    },
    settings: TIMEOUTS,
  });
  const wire: WireLog = { events: [] };
  const logs: string[] = [];
  const sockets: VisitorSocket[] = [];
  const staff = new Map<string, Awaited<ReturnType<typeof signIn>>>();
  let clientIds = 0;
  const clientId = () => `fm-${++clientIds}`;

  beforeAll(() => {
    // Everything the app logs from here on, to look for the real reasons and for keys.
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
        logs.push(String(chunk));
        return true;
      }) as typeof stream.write);
    }
  });
  afterAll(() => jest.restoreAllMocks());
  beforeEach(() => {
    h.simulator.clearFaults();
    h.simulator.clearRequests();
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  async function visitor(publicKey = h.fixture.bot.publicKey) {
    const { socket, session } = await connectVisitor(h.app.url, { bot: publicKey, locale: 'en' });
    sockets.push(socket);
    wire.events.push({ event: 'session', payload: session });
    recordWire(socket, wire);
    return { socket, session, conversationId: session.conversation.id };
  }

  /** A bot of its own tenant, optionally on its own Azure resource (endpoint + sealed key). */
  async function otherBot(opts: { endpoint?: string; model?: string; settings?: Partial<BotSettings> } = {}) {
    const fixture = await createBot(h.app.db, { settings: { ...TIMEOUTS, ...opts.settings } });
    if (opts.endpoint) {
      const sealed = h.app.app.get(BotKeyBox).seal(BOT_KEY);
      await h.app.db.getRepository(Bot).update(fixture.bot.id, { llmProvider: 'azure', llmEndpoint: opts.endpoint, llmApiKeyEncrypted: sealed });
    }
    if (opts.model) await h.app.db.getRepository(Bot).update(fixture.bot.id, { llmModel: opts.model });
    return fixture;
  }

  const chatRequests = () => h.simulator.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const stored = (id: string) => h.app.db.getRepository(Message).findOneByOrFail({ id });
  const flagged = async (id: string) => (await h.app.db.getRepository(Conversation).findOneByOrFail({ id })).flagged;

  /** The visitor sees one localised sentence per failure, never an upstream detail. */
  function expectError(end: ReplyEndEvent, code: ErrorCode, retryAfterMs?: number) {
    expect(end.error).toEqual({ code, message: errorMessage(code, 'en'), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }

  /** The deltas the visitor saw are the text stored and sent in reply:end, numbered from 0 without gaps. */
  async function expectTextKept(t: Awaited<ReturnType<typeof turn>>, pieces: number) {
    // Pieces that reach the backend in one read go out as one delta: up to `pieces` deltas.
    expect(t.deltas.length).toBeGreaterThan(0);
    expect(t.deltas.length).toBeLessThanOrEqual(pieces);
    expect(t.deltas.map((d) => d.seq)).toEqual([...Array(t.deltas.length).keys()]);
    const text = t.deltas.map((d) => d.text).join('');
    expect(t.end.text).toBe(text);
    expect((await stored(t.replyId)).text).toBe(text);
  }

  async function expectHealthy(socket?: VisitorSocket) {
    const t = await turn(socket ?? (await visitor()).socket, clientId(), 'Is the assistant back?');
    expect(t.end.status).toBe('complete');
    expect(t.end.error).toBeUndefined();
    expect(t.end.text.length).toBeGreaterThan(20);
  }

  async function transcript(tenantId: string, conversationId: string) {
    let agent = staff.get(tenantId);
    if (!agent) {
      agent = await signIn(h.app, (await createUser(h.app.db, tenantId, 'owner')).email);
      staff.set(tenantId, agent);
    }
    const res = await agent.get(`/api/conversations/${conversationId}`).expect(200);
    return res.body as { conversation: { flagged: boolean }; messages: Array<TranscriptMessage & { createdAt: string }> };
  }

  async function deadPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  describe('429 before the stream', () => {
    it('waits what retry-after-ms asks, retries once, and streams the answer', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'rate_limit', retryAfterMs: 400 });
      const t = await turn(socket, clientId(), 'How much water should I drink?');
      expect(t.end.status).toBe('complete');
      expect(t.end.error).toBeUndefined();
      const [first, second, ...more] = chatRequests();
      expect(more).toEqual([]);
      expect(second.at - first.at).toBeGreaterThanOrEqual(400);
      await expectTextKept(t, t.deltas.length);
      expect(await stored(t.replyId)).toMatchObject({ status: 'complete', errorCode: null, errorDetail: null });
    });

    it('fails at once with upstream_rate_limited and the retry-after when the wait would pass the budget', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'rate_limit', retryAfterMs: 5_000 });
      const t = await turn(socket, clientId(), 'Is tea good for me?');
      expect(t.end).toMatchObject({ status: 'failed', text: '' });
      expectError(t.end, 'upstream_rate_limited', 5_000);
      expect(t.ms).toBeLessThan(1_500);
      expect(chatRequests()).toHaveLength(1);
      const row = await stored(t.replyId);
      expect(row).toMatchObject({ status: 'failed', errorCode: 'upstream_rate_limited', finishReason: null });
      expect(row.errorDetail).toBe("HTTP 429: rate limited by the endpoint; check the deployment's quota");
      await expectHealthy(socket);
    });

    it('gives up a 429 that keeps coming after the bounded retries: one retry layer, not two', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'rate_limit', retryAfterMs: 50 }, 5);
      const t = await turn(socket, clientId(), 'And coffee?');
      expect(t.end.status).toBe('failed');
      expectError(t.end, 'upstream_rate_limited', 50);
      expect(chatRequests()).toHaveLength(3); // 1 + UPSTREAM_MAX_RETRIES; the openai client adds none
      expect((await stored(t.replyId)).errorDetail).toMatch(/\(3 attempts in \d+ ms\)$/);
      h.simulator.clearFaults();
      await expectHealthy(socket);
    });

    it('stops waiting to retry when the visitor stops the reply', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'rate_limit', retryAfterMs: 800 });
      const ended = nextEvent(socket, 'reply:end');
      const asked = h.simulator.requestCount;
      const ack = await emitAck<{ replyId: string }>(socket, 'message:send', { clientId: clientId(), text: 'Never mind' });
      if (!ack.ok) throw new Error('send refused');
      // The first attempt was refused with retry-after 800 ms: the reply is waiting to retry.
      await waitUntil(() => h.simulator.requestCount > asked, 'the first attempt reached the model');
      const stopAt = performance.now();
      expect(await emitAck(socket, 'reply:stop', { replyId: ack.replyId })).toEqual({ ok: true });
      expect((await ended).status).toBe('stopped');
      expect(performance.now() - stopAt).toBeLessThan(500);
      await new Promise((r) => setTimeout(r, 900));
      expect(chatRequests()).toHaveLength(1);
    });
  });

  describe('5xx and unreachable upstreams', () => {
    it('retries a 503 with backoff and streams the answer when it recovers', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'server_error', status: 503 });
      const t = await turn(socket, clientId(), 'What helps with sleep?');
      expect(t.end.status).toBe('complete');
      expect(chatRequests()).toHaveLength(2);
      await expectTextKept(t, t.deltas.length);
    });

    it('gives up a 500 after bounded retries with upstream_unavailable', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'server_error', status: 500 }, 3);
      const t = await turn(socket, clientId(), 'What helps with stress?');
      expect(t.end).toMatchObject({ status: 'failed', text: '' });
      expectError(t.end, 'upstream_unavailable');
      expect(chatRequests()).toHaveLength(3);
      expect(t.ms).toBeLessThan(1_500);
      expect((await stored(t.replyId)).errorDetail).toMatch(/^HTTP 500 InternalServerError: the endpoint failed; it may answer again later \(3 attempts in \d+ ms\)$/);
      await expectHealthy(socket);
    });

    it('gives up a refused connection after bounded retries', async () => {
      const { bot } = await otherBot({ endpoint: `http://127.0.0.1:${await deadPort()}` });
      const { socket } = await visitor(bot.publicKey);
      const t = await turn(socket, clientId(), 'Hello?');
      expect(t.end).toMatchObject({ status: 'failed', text: '' });
      expectError(t.end, 'upstream_unavailable');
      expect(t.ms).toBeLessThan(1_500);
      // No distinction between refused, reset, TLS or DNS: an owner's endpoint must not make a port scanner.
      expect((await stored(t.replyId)).errorDetail).toMatch(/^could not connect to the endpoint \(3 attempts in \d+ ms\)$/);
      expect(chatRequests()).toHaveLength(0);
      await expectHealthy();
    });

    it('gives up an unknown host after bounded retries', async () => {
      const { bot } = await otherBot({ endpoint: 'https://nonexistent.invalid' });
      const { socket } = await visitor(bot.publicKey);
      const t = await turn(socket, clientId(), 'Hello?');
      expect(t.end).toMatchObject({ status: 'failed', text: '' });
      expectError(t.end, 'upstream_unavailable');
      expect((await stored(t.replyId)).errorDetail).toMatch(/^could not connect to the endpoint \(3 attempts in \d+ ms\)$/);
      await expectHealthy();
    });
  });

  describe('timeouts and broken streams', () => {
    it('gives up when no first token comes within the bot’s timeout', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'slow_first_token', ms: 5_000 });
      const t = await turn(socket, clientId(), 'Anyone there?');
      expect(t.end).toMatchObject({ status: 'failed', text: '' });
      expectError(t.end, 'upstream_unavailable');
      expect(t.deltas).toEqual([]);
      expect(t.ms).toBeGreaterThanOrEqual(590);
      expect(t.ms).toBeLessThan(2_000);
      expect(chatRequests()).toHaveLength(1);
      expect(await stored(t.replyId)).toMatchObject({ status: 'failed', errorCode: 'upstream_unavailable', errorDetail: 'no first token within 600 ms', firstTokenMs: null });
      await expectHealthy(socket);
    });

    it('gives up a stall mid-stream, keeping what was said', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'stall', afterPieces: 3 });
      const t = await turn(socket, clientId(), 'Tell me about walking');
      expect(t.end.status).toBe('failed');
      expectError(t.end, 'upstream_unavailable');
      await expectTextKept(t, 3);
      expect(chatRequests()).toHaveLength(1);
      expect((await stored(t.replyId)).errorDetail).toBe(`stream stalled: nothing for 400 ms after ${t.deltas.length} chunks`);
      await expectHealthy(socket);
    });

    it.each([
      ['the stream ends without finish_reason', { kind: 'no_finish', afterPieces: 4 } as const, 4, /^stream ended without finish_reason$/],
      ['an error event arrives inside the 200 stream', { kind: 'error_in_stream', afterPieces: 3 } as const, 3, /^error event inside the stream \(InternalServerError\)$/],
      ['the connection drops mid-stream', { kind: 'drop', afterPieces: 3 } as const, 3, /^connection lost mid-stream$/],
    ])('fails when %s, keeping the partial text', async (_, fault, pieces, detail) => {
      const { socket } = await visitor();
      h.simulator.injectFault(fault);
      const t = await turn(socket, clientId(), 'Tell me about stretching');
      expect(t.end.status).toBe('failed');
      expectError(t.end, 'upstream_unavailable');
      await expectTextKept(t, pieces);
      expect(chatRequests()).toHaveLength(1); // text had been relayed: never retried
      const row = await stored(t.replyId);
      expect(row).toMatchObject({ status: 'failed', errorCode: 'upstream_unavailable', finishReason: null });
      expect(row.errorDetail).toMatch(detail);
      await expectHealthy(socket);
    });
  });

  describe('content filtering', () => {
    it('answers a filtered prompt with content_filtered, stores it filtered and flags the conversation', async () => {
      const { socket, conversationId } = await visitor();
      h.simulator.injectFault({ kind: 'prompt_filtered', category: 'violence' });
      const t = await turn(socket, clientId(), 'A question the filter refuses');
      expect(t.end).toMatchObject({ status: 'filtered', text: '' });
      expectError(t.end, 'content_filtered');
      expect(t.end.error!.message).toBe('Sorry, this question cannot be answered.');
      expect(chatRequests()).toHaveLength(1);
      const row = await stored(t.replyId);
      expect(row).toMatchObject({ status: 'filtered', errorCode: 'content_filtered' });
      expect(row.errorDetail).toContain('violence (medium)');
      expect(row.contentFilter).toMatchObject({ prompt: { violence: { filtered: true } } });
      expect(await flagged(conversationId)).toBe(true);
      const view = await transcript(h.fixture.tenant.id, conversationId);
      expect(view.conversation.flagged).toBe(true);
      await expectHealthy(socket);
    });

    it('keeps the partial answer of a completion filtered mid-stream, marked filtered, and flags the conversation', async () => {
      const { socket, conversationId } = await visitor();
      h.simulator.injectFault({ kind: 'completion_filtered', afterPieces: 4, category: 'self_harm' });
      const t = await turn(socket, clientId(), 'Something the answer trips on');
      expect(t.end.status).toBe('filtered');
      expectError(t.end, 'content_filtered');
      await expectTextKept(t, 4);
      const row = await stored(t.replyId);
      expect(row).toMatchObject({ status: 'filtered', errorCode: 'content_filtered', finishReason: 'content_filter' });
      expect(row.errorDetail).toContain('self_harm (medium)');
      expect(await flagged(conversationId)).toBe(true);
      await expectHealthy(socket);
    });
  });

  describe('misconfiguration: visitors get upstream_unavailable, the owner the status, code and what to check', () => {
    it('401: a wrong key on the bot’s own resource', async () => {
      const { bot, tenant } = await otherBot({ endpoint: h.simulatorUrl });
      const { socket, conversationId } = await visitor(bot.publicKey);
      const t = await turn(socket, clientId(), 'Hello');
      expect(t.end).toMatchObject({ status: 'failed', text: '' });
      expectError(t.end, 'upstream_unavailable');
      expect(chatRequests()).toHaveLength(1); // not retried: it cannot get better by itself
      const [, answer] = (await transcript(tenant.id, conversationId)).messages;
      expect(answer).toMatchObject({ status: 'failed', errorCode: 'upstream_unavailable', truncated: false });
      expect(answer.errorDetail).toBe(`the model endpoint refused the request: ${h.simulatorUrl}/${SIM_DEPLOYMENT}: HTTP 401: check the API key`);
      expect(logs.join('')).toContain('HTTP 401: check the API key');
      await expectHealthy();
    });

    it('403: the resource refuses this network', async () => {
      const { socket } = await visitor();
      h.simulator.injectFault({ kind: 'forbidden' });
      const t = await turn(socket, clientId(), 'Hello');
      expectError(t.end, 'upstream_unavailable');
      expect(chatRequests()).toHaveLength(1);
      expect((await stored(t.replyId)).errorDetail).toContain("HTTP 403: check the API key's permissions and the resource's network rules");
      // The installation's endpoint is the operator's: its own words go to the server log (never to owners).
      expect(logs.join('')).toContain('403 Access denied due to Virtual Network/Firewall rules.');
      await expectHealthy(socket);
    });

    it('404 DeploymentNotFound: the bot names a deployment the resource does not have', async () => {
      const { bot } = await otherBot({ model: 'retired-deployment' });
      const { socket } = await visitor(bot.publicKey);
      const t = await turn(socket, clientId(), 'Hello');
      expectError(t.end, 'upstream_unavailable');
      expect(chatRequests()).toHaveLength(1);
      const detail = (await stored(t.replyId)).errorDetail;
      expect(detail).toContain('/retired-deployment: HTTP 404 DeploymentNotFound: check the deployment name');
      await expectHealthy();
    });
  });

  it('stores an answer cut at the length limit as complete, flagged truncated on the wire, in the session and for the staff', async () => {
    const { socket, session, conversationId } = await visitor();
    h.simulator.injectFault({ kind: 'length', afterPieces: 5 });
    const t = await turn(socket, clientId(), 'Tell me everything about vitamins');
    expect(t.end).toMatchObject({ status: 'complete', truncated: true });
    expect(t.end.error).toBeUndefined();
    await expectTextKept(t, 5);
    expect(await stored(t.replyId)).toMatchObject({ status: 'complete', finishReason: 'length', errorCode: null, errorDetail: null });
    const back = await connectVisitor(h.app.url, { bot: h.fixture.bot.publicKey, visitor: session.visitor });
    sockets.push(back.socket);
    expect(back.session.conversation.messages.find((m) => m.id === t.replyId)).toMatchObject({ status: 'complete', truncated: true });
    const [, answer] = (await transcript(h.fixture.tenant.id, conversationId)).messages;
    expect(answer).toMatchObject({ status: 'complete', truncated: true, finishReason: 'length' });
    const healthy = await turn(socket, clientId(), 'Thanks');
    expect(healthy.end).not.toHaveProperty('truncated');
  });

  it('opens the circuit after consecutive upstream failures, fails fast, and closes it by itself', async () => {
    const { socket } = await visitor();
    h.simulator.injectFault({ kind: 'server_error', status: 503 }, 4);
    const first = await turn(socket, clientId(), 'One');
    expectError(first.end, 'upstream_unavailable');
    expect(chatRequests()).toHaveLength(3);

    // The fourth consecutive failure opens the circuit; this reply's last retry is not sent.
    const second = await turn(socket, clientId(), 'Two');
    expectError(second.end, 'upstream_unavailable');
    expect(chatRequests()).toHaveLength(4);
    expect((await stored(second.replyId)).errorDetail).toMatch(/^HTTP 503 .*; circuit now open$/);

    const fast = await turn(socket, clientId(), 'Three');
    expectError(fast.end, 'upstream_unavailable');
    expect(chatRequests()).toHaveLength(4);
    expect(fast.ms).toBeLessThan(300);
    expect((await stored(fast.replyId)).errorDetail).toMatch(/^circuit open for http:\/\/127\.0\.0\.1:\d+\/gpt-4o-test after repeated failures \(last failure: HTTP 503 .*\); next probe in \d+ ms$/);
    expect(logs.join('')).toContain('circuit opened for');

    await new Promise((r) => setTimeout(r, BREAKER_COOLDOWN_MS));
    await expectHealthy(socket); // the probe
    expect(chatRequests()).toHaveLength(5);
    await expectHealthy(socket);
  });

  it('never lets a key into the stored rows, the wire or the log, nor an upstream detail onto the wire', async () => {
    const rows = (await h.app.db.query('SELECT * FROM messages')) as Array<{ error_detail: string | null }>;
    const details = rows.map((r) => r.error_detail).filter((d): d is string => !!d);
    expect(details.length).toBeGreaterThanOrEqual(15);
    const sent = JSON.stringify(wire.events);
    const logged = logs.join('');
    for (const secret of [SIM_KEY, BOT_KEY]) {
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(sent).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    for (const detail of details) expect(sent).not.toContain(detail);
    expect(sent).not.toMatch(/ECONNREFUSED|ENOTFOUND|DeploymentNotFound|attempts in|circuit/);
    // Owners read the rows: no upstream's words, no network's reasons.
    expect(JSON.stringify(rows)).not.toMatch(/ECONNREFUSED|ENOTFOUND|Access denied|The server had an error|exceeded token rate limit|does not exist/);
    // The operator's log has the real reasons.
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).toContain('DeploymentNotFound');
  });
});
