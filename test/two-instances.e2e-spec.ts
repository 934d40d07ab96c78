import { Redis } from 'ioredis';
import { io } from 'socket.io-client';
import type { ReplyDeltaEvent, SessionPayload } from '../backend/src/chat/widget.events';
import { Message } from '../backend/src/conversations/message.entity';
import type { AzureOpenAISimulator } from '../backend/src/llm/simulator';
import { BotFixture, createBot, SITE } from './support/fixtures';
import { describeWithRedis, TEST_REDIS_URL } from './support/redis';
import { type InstancePair, startInstancePair } from './support/instance-pair';
import type { TestApp } from './support/test-app';
import { turn } from './support/reply-turn';
import { collectReply, connectVisitor, emitAck, nextEvent, VisitorSocket } from './support/visitor';

const REPLY = '早睡早起，规律作息。'.repeat(30);

/**
 * Two instances behind one Redis (streams adapter) and one database, as behind a load balancer:
 * a visitor who drops off instance A and comes back on B gets the reply A is still generating,
 * without gap or duplicate, and can stop it from B.
 */
describeWithRedis()('two instances sharing visitors through Redis', () => {
  let pair: InstancePair;
  let simulator: AzureOpenAISimulator;
  let a: TestApp;
  let b: TestApp;
  let fixture: BotFixture;
  const sockets: VisitorSocket[] = [];

  beforeAll(async () => {
    pair = await startInstancePair('2i');
    ({ a, b, simulator } = pair);
    fixture = await createBot(a.db);
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  afterAll(async () => {
    await pair?.close();
  });

  const visit = async (app: TestApp, token?: string) => {
    const v = await connectVisitor(app.url, { bot: fixture.bot.publicKey, visitor: token });
    sockets.push(v.socket);
    return v;
  };

  it('hands a reply in flight on A to the visitor coming back on B, with no gap and no duplicate', async () => {
    simulator.configure({ tokensPerSecond: 40, reply: () => REPLY });
    const first = await visit(a);
    const ack = await emitAck<{ messageId: string; replyId: string }>(first.socket, 'message:send', { clientId: 'x-1', text: '怎样睡得好？' });
    if (!ack.ok) throw new Error('send failed');
    await new Promise<void>((resolve) => first.socket.on('reply:delta', (d: ReplyDeltaEvent) => d.seq === 5 && resolve()));
    first.socket.disconnect();

    // Listening from the first packet: deltas may race ahead of `session` (the widget keeps them too).
    const early: ReplyDeltaEvent[] = [];
    const socket: VisitorSocket = io(b.url + '/widget', {
      auth: { bot: fixture.bot.publicKey, visitor: first.session.visitor }, transports: ['websocket'],
      extraHeaders: { origin: SITE }, reconnection: false, forceNew: true,
    });
    sockets.push(socket);
    socket.on('reply:delta', (d) => early.push(d));
    const rest = collectReply(socket, () => ack.replyId, 30_000);
    const back = { session: await new Promise<SessionPayload>((resolve, reject) => (socket.once('session', resolve), socket.once('connect_error', reject))) };
    const live = back.session.conversation.messages.find((m) => m.id === ack.replyId)!;
    expect(live.status).toBe('streaming');
    expect(live.seq).toBeGreaterThanOrEqual(6);
    expect(live.text.length).toBeGreaterThan(0);
    expect(REPLY.startsWith(live.text)).toBe(true);

    const { end } = await rest;
    const after = early.filter((d) => d.seq >= live.seq!);
    // Deltas from live.seq on, each once, in order; with the snapshot they make the whole reply.
    expect(after.map((d) => d.seq)).toEqual(after.map((_, i) => live.seq! + i));
    expect(live.text + after.map((d) => d.text).join('')).toBe(end.text);
    expect(end).toMatchObject({ status: 'complete', text: REPLY });
    const stored = await b.db.getRepository(Message).findOneByOrFail({ id: ack.replyId });
    expect(stored).toMatchObject({ status: 'complete', text: REPLY });
  });

  it('delivers every delta to tabs on both instances, and B stops a reply A generates', async () => {
    simulator.configure({ tokensPerSecond: 40, reply: () => REPLY });
    const onA = await visit(a);
    const onB = await visit(b, onA.session.visitor);
    const seenOnB = collectReply(onB.socket, undefined, 30_000);
    const seenOnA = collectReply(onA.socket, undefined, 30_000);
    const ack = await emitAck<{ messageId: string; replyId: string }>(onA.socket, 'message:send', { clientId: 'x-2', text: '秋天吃什么？' });
    if (!ack.ok) throw new Error('send failed');
    await nextEvent(onB.socket, 'reply:start');
    for (let i = 0; i < 4; i++) await nextEvent(onB.socket, 'reply:delta');

    expect(await emitAck(onB.socket, 'reply:stop', { replyId: ack.replyId })).toEqual({ ok: true });
    const [fromA, fromB] = await Promise.all([seenOnA, seenOnB]);
    expect(fromB.end.status).toBe('stopped');
    expect(fromA.end).toEqual(fromB.end);
    expect(fromB.deltas.map((d) => d.seq)).toEqual(fromA.deltas.map((d) => d.seq));
    expect(fromB.deltas.map((d) => d.text).join('')).toBe(fromB.end.text);
    expect(fromB.end.text.length).toBeLessThan(REPLY.length);
  });

  it('keeps emission order across instances for a fast reply (hundreds of deltas, 2 ms apart)', async () => {
    // A's own tab gets each delta at once, B's in the order A emitted them: A delivers locally
    // first and its XADDs go out in emission order on one (auto-pipelined) connection.
    const long = '一二三四五六七八九十'.repeat(40);
    simulator.configure({ tokensPerSecond: 500, reply: () => long });
    const onA = await visit(a);
    const onB = await visit(b, onA.session.visitor);
    const seenOnB = collectReply(onB.socket, undefined, 30_000);
    const seenOnA = collectReply(onA.socket, undefined, 30_000);
    const ack = await emitAck<{ messageId: string; replyId: string }>(onA.socket, 'message:send', { clientId: 'x-3', text: '数一数' });
    if (!ack.ok) throw new Error('send failed');
    const [fromA, fromB] = await Promise.all([seenOnA, seenOnB]);
    expect(fromA.end).toMatchObject({ status: 'complete', text: long });
    expect(fromB.end).toEqual(fromA.end);
    expect(fromA.deltas.length).toBeGreaterThan(50);
    const first = fromA.deltas[0].seq;
    expect(fromA.deltas.map((d) => d.seq)).toEqual(fromA.deltas.map((_, i) => first + i));
    expect(fromB.deltas.map((d) => d.seq)).toEqual(fromA.deltas.map((d) => d.seq));
    expect(fromB.deltas.map((d) => d.text).join('')).toBe(long);
  });

  it('keeps the deltas of a conversation no other instance watches off Redis', async () => {
    // Every delta written to the stream is read and decoded by every instance: only shared
    // conversations' deltas go there. The reply's start and end always do.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const stream = `${pair.prefix}socket.io-cluster`;
      expect(await redis.exists(stream)).toBe(1); // the cluster's stream, which the start of earlier replies went through
      simulator.configure({ tokensPerSecond: 500, reply: () => REPLY });
      const alone = await visit(a);
      const before = await redis.xlen(stream);
      const seen = collectReply(alone.socket, undefined, 30_000);
      const ack = await emitAck<{ messageId: string; replyId: string }>(alone.socket, 'message:send', { clientId: 'x-4', text: '只在 A' });
      if (!ack.ok) throw new Error('send failed');
      const { deltas, end } = await seen;
      const written = (await redis.xlen(stream)) - before;
      expect(end).toMatchObject({ status: 'complete', text: REPLY });
      // Enough deltas for the count below to mean something (a busy backend passes the chunks of
      // one read as one delta, so fewer than the reply's chunks may arrive).
      expect(deltas.length).toBeGreaterThanOrEqual(10);
      // reply:start, reply:end and at most a heartbeat or two; not one entry per delta.
      expect(written).toBeLessThan(6);

      // A tab of the same conversation opens on B: from the next reply on, its deltas go through Redis.
      const onB = await visit(b, alone.session.visitor);
      const fromB = collectReply(onB.socket, undefined, 30_000);
      const next = await emitAck<{ messageId: string; replyId: string }>(alone.socket, 'message:send', { clientId: 'x-5', text: '现在 B 也在' });
      if (!next.ok) throw new Error('send failed');
      const { deltas: onBDeltas, end: endOnB } = await fromB;
      expect(endOnB).toMatchObject({ status: 'complete', text: REPLY });
      expect(onBDeltas.map((d) => d.seq)).toEqual(onBDeltas.map((_, i) => i));
      expect(onBDeltas.map((d) => d.text).join('')).toBe(REPLY);
    } finally {
      redis.disconnect();
    }
  });

  it('answers from the whole conversation when the visitor talked on another instance meanwhile', async () => {
    // The reply names the visitor's messages it was given: a prompt missing one shows.
    simulator.configure({ tokensPerSecond: 500, reply: ({ messages }) => messages.filter((m) => m.role === 'user').map((m) => m.content).join(' | ') });
    const onA = await visit(a);
    expect((await turn(onA.socket, 'h-1', 'first on A')).end.text).toBe('first on A');
    const onB = await visit(b, onA.session.visitor);
    const heardOnA = collectReply(onA.socket);
    expect((await turn(onB.socket, 'h-2', 'then on B')).end.text).toBe('first on A | then on B');
    await heardOnA; // the tab on A has that reply's end too, before it sends again
    // A knew the conversation up to its own turn; the reads show B's, and A's prompt is replaced unsaid.
    const back = await turn(onA.socket, 'h-3', 'back on A');
    expect(back.end).toMatchObject({ status: 'complete', text: 'first on A | then on B | back on A' });
    expect(back.deltas.map((d) => d.text).join('')).toBe(back.end.text);
    expect(back.deltas.map((d) => d.seq)).toEqual(back.deltas.map((_, i) => i));
  });
});
