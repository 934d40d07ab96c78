import fc from 'fast-check';
import { io } from 'socket.io-client';
import request from 'supertest';
import { Bot } from '../backend/src/bots/bot.entity';
import { Message } from '../backend/src/conversations/message.entity';
import type { ErrorCode } from '../backend/src/chat/widget.events';
import { createUser, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { collectReply, connectVisitor, emitAck } from './support/visitor';

/** Every code but `internal`: bad input must never reach a server failure. */
const ERROR_CODES: ErrorCode[] = [
  'bad_request', 'too_long', 'busy', 'rate_limited', 'budget_exceeded', 'content_filtered',
  'upstream_rate_limited', 'upstream_unavailable', 'not_found',
];
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

/** Nested arrays/objects this deep; socket.io and JSON must both survive it. */
const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : { a: [deep(depth - 1)] });

/** Hostile values: naughty strings, lone surrogates, prototype keys, huge and deeply nested input. */
const naughty = fc.constantFrom<unknown>(
  '', ' ', '\u0000', '\ud800', '\udfff', 'a\ud800b', '\u202e\u0644\u202d', '\ufeff', '𝕳𝖊𝖑𝖑𝖔', '👩‍👩‍👧‍👦',
  "'; DROP TABLE messages; --", '${7*7}', '{{7*7}}', '<script>alert(1)</script>', '../../etc/passwd',
  'x'.repeat(20_000), '0', '-1', 'NaN', 'Infinity', 'true', 'null', '__proto__', 'constructor',
  -0, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.1, true, false, null, [], {}, [[[[]]]],
  JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } },
  JSON.parse('{"clientId":"p","text":"hi","__proto__":{"admin":true}}'), deep(40), deep(400),
  { clientId: 'nul\u0000id', text: 'a\u0000b' }, { clientId: 'lone', text: 'x\ud800y' },
  { messageId: '00000000-0000-0000-0000-000000000000', rating: 'up', comment: '\u0000' },
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }) },
  { weight: 2, arbitrary: naughty },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);
/** Objects with the right keys and wrong values, the right values and extra keys, and so on. */
const shaped = (keys: string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys, '__proto__', 'constructor', 'admin'), fc.string()), value, { maxKeys: 5 });
const payload = (keys: string[]) => fc.oneof(value, shaped(keys));

function expectClearAnswer(ack: unknown, context: string): void {
  const answer = ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (answer?.ok === true) return;
  if (answer?.ok !== false || !ERROR_CODES.includes(answer.error?.code as ErrorCode) || typeof answer.error?.message !== 'string' || !answer.error.message) {
    throw new Error(`${context}: not a clear answer: ${JSON.stringify(ack)?.slice(0, 300)}`);
  }
}

describe('fuzz: malformed input on every socket event and REST endpoint', () => {
  // Limits off: the fuzz is about validation (test/limits.e2e-spec.ts floods the limits).
  const h = chatHarness({ env: { RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '0', RATE_VISITOR_MESSAGES_PER_MINUTE: '0', RATE_BOT_MESSAGES_PER_MINUTE: '0' } });

  it('answers thousands of random socket payloads with clear errors, stores nothing from them, and keeps serving', async () => {
    const { socket, session } = await h.visitor();
    const events: Array<[string, string[]]> = [
      ['message:send', ['clientId', 'text']],
      ['reply:stop', ['replyId']],
      ['reply:retry', ['replyId']],
      ['feedback', ['messageId', 'rating', 'comment']],
      ['conversation:new', []],
    ];
    let sent = 0;
    for (const [event, keys] of events) {
      const samples = fc.sample(payload(keys), { numRuns: 400, seed: SEED + sent });
      for (const sample of samples) {
        const ack = await emitAck(socket, event, sample).catch((error: Error) => ({ timeout: error.message }));
        expectClearAnswer(ack, `${event} ${JSON.stringify(sample)?.slice(0, 200)}`);
        sent++;
      }
    }
    // Unknown events and events without an ack are ignored, not fatal.
    const loose = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    for (const sample of fc.sample(value, { numRuns: 100, seed: SEED })) {
      loose.emit('admin:drop', sample);
      loose.emit('message:send', sample);
    }
    expect(sent).toBe(2000);
    expect(socket.connected).toBe(true);

    // A frame over maxHttpBufferSize closes that one connection; the server goes on.
    const flooder = await h.visitor();
    const closed = new Promise<string>((resolve) => flooder.socket.once('disconnect', resolve));
    loose.emit.call(flooder.socket, 'message:send', { clientId: 'huge', text: 'x'.repeat(150_000) });
    expect(await closed).toBe('transport close');

    // Whatever the fuzz stored (a random payload can be a valid message), every row is sound.
    const rows = await h.app.db.getRepository(Message).find({ where: { conversationId: session.conversation.id } });
    for (const row of rows) {
      expect(['user', 'assistant']).toContain(row.role);
      expect(typeof row.text).toBe('string');
      expect(row.text).not.toContain('\u0000');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    // A fresh visitor still gets a whole answer from the same server.
    await new Promise((r) => setTimeout(r, 500));
    const fresh = await h.visitor();
    const reply = collectReply(fresh.socket);
    const ack = await emitAck(fresh.socket, 'message:send', { clientId: 'after-fuzz', text: 'Is green tea healthy?' });
    expect(ack).toMatchObject({ ok: true });
    expect((await reply).end.status).toBe('complete');
  });

  it('answers random handshakes with a session or a known refusal', async () => {
    const auths = fc.sample(fc.oneof(value, shaped(['bot', 'visitor', 'locale', 'identity'])), { numRuns: 150, seed: SEED });
    for (const auth of auths) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = io(h.app.url + '/widget', {
          auth: (typeof auth === 'object' && auth !== null && !Array.isArray(auth) ? auth : { bot: auth }) as Record<string, unknown>,
          transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: 'https://clinic.example' },
        });
        socket.once('session', () => (socket.disconnect(), resolve('session')));
        socket.once('connect_error', (error) => (socket.disconnect(), resolve(error.message)));
      });
      if (!['session', 'unknown_bot', 'origin_not_allowed', 'bot_disabled', 'rate_limited'].includes(outcome)) {
        throw new Error(`handshake ${JSON.stringify(auth)?.slice(0, 300)} → ${outcome}`);
      }
    }
    const healthy = await connectVisitor(h.app.url, { bot: h.fixture.bot.publicKey });
    expect(healthy.session.bot.name).toBeTruthy();
    healthy.socket.disconnect();
  });

  it('answers random REST bodies and queries with 4xx (or 2xx when valid), never 500, and the bot stays sound', async () => {
    const owner = await createUser(h.app.db, h.fixture.tenant.id, 'owner');
    const agent = await signIn(h.app, owner.email);
    const before = await h.app.db.getRepository(Bot).findOneByOrFail({ id: h.fixture.bot.id });
    const botPath = `/api/bots/${h.fixture.bot.id}`;
    const bodies: Array<[string, string, string[]]> = [
      ['patch', botPath, ['name', 'enabled', 'allowedOrigins', 'settings', 'llm']],
      ['post', '/api/bots', ['name', 'allowedOrigins', 'settings']],
      ['post', `${botPath}/roles`, ['systemPrompt', 'note']],
      ['post', '/api/members', ['email', 'role', 'password']],
      ['post', '/api/auth/password', ['current', 'next']],
      ['post', '/api/tenants', ['name', 'owner']],
    ];
    let statuses = 0;
    const origin = h.app.url;
    for (const [method, path, keys] of bodies) {
      for (const body of fc.sample(shaped(keys), { numRuns: 120, seed: SEED })) {
        const res = await agent[method as 'post'](path).set('Origin', origin).set('Content-Type', 'application/json').send(JSON.stringify(body));
        if (res.status >= 500) throw new Error(`${method} ${path} ${JSON.stringify(body).slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status >= 400) expect(res.body).toMatchObject({ statusCode: res.status, message: expect.anything() });
        statuses++;
      }
    }
    // Broken JSON, wrong content types, hostile query strings.
    for (const raw of ['{', '{"a":', '[1,2', 'null', '"x"', '\u0000', '{"__proto__":{"x":1}}']) {
      const res = await agent.patch(botPath).set('Origin', origin).set('Content-Type', 'application/json').send(raw);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const queries = fc.sample(fc.dictionary(fc.constantFrom('bot', 'q', 'from', 'to', 'status', 'rating', 'tag', 'cursor', 'limit', 'format', 'reviewed', '__proto__'), fc.string({ unit: 'binary', maxLength: 80 }), { maxKeys: 4 }), { numRuns: 200, seed: SEED });
    for (const query of queries) {
      for (const path of ['/api/conversations', '/api/usage', '/api/conversations/export']) {
        const res = await agent.get(path).query(query);
        if (res.status >= 500) throw new Error(`GET ${path} ${JSON.stringify(query)} → ${res.status} ${res.text.slice(0, 200)}`);
        statuses++;
      }
    }
    for (const id of ['x', '0', "1' OR '1'='1", '%00', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '..%2f..%2f']) {
      for (const path of [`/api/bots/${id}`, `/api/conversations/${id}`, `/api/bots/${id}/roles`]) {
        const res = await agent.get(path);
        expect([400, 404]).toContain(res.status);
      }
    }
    expect(statuses).toBeGreaterThan(1000);

    // Unauthenticated: every endpoint refuses cleanly.
    for (const body of fc.sample(shaped(['email', 'password']), { numRuns: 100, seed: SEED })) {
      const res = await request(h.app.app.getHttpServer()).post('/api/auth/login').send(body as object);
      expect([400, 401, 413, 429]).toContain(res.status);
    }

    // A random PATCH may be valid; the bot is still readable and sound, and its key still works.
    const after = await h.app.db.getRepository(Bot).findOneByOrFail({ id: h.fixture.bot.id });
    expect(after.publicKey).toBe(before.publicKey);
    expect(after.tenantId).toBe(before.tenantId);
    await agent.get(botPath).expect(200);
  });
});
