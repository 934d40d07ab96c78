import request from 'supertest';
import { Message } from '../backend/src/conversations/message.entity';
import type { AzureOpenAISimulator } from '../backend/src/llm/simulator';
import type { ReplyDeltaEvent } from '../backend/src/chat/widget.events';
import { createTestDatabase, TestDatabase } from './support/database';
import { BotFixture, createBot } from './support/fixtures';
import { startSimulator, startTestApp, TestApp } from './support/test-app';
import { collectReply, connectVisitor, emitAck, nextEvent, VisitorSocket } from './support/visitor';

const waitFor = async (check: () => Promise<boolean>, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('a reply’s life: stop, leave, come back, restart, shutdown', () => {
  let database: TestDatabase;
  let sim: { simulator: AzureOpenAISimulator; url: string };
  let app: TestApp;
  let fixture: BotFixture;
  const sockets: VisitorSocket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startSimulator();
    // Slow enough to act mid-stream: ~70 pieces at 40/s take ~1.8 s.
    sim.simulator.configure({ tokensPerSecond: 40 });
    app = await startTestApp({ databaseUrl: database.url, simulatorUrl: sim.url, env: { SHUTDOWN_GRACE_MS: '300' } });
    fixture = await createBot(app.db);
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  afterAll(async () => {
    await app.close();
    await sim.simulator.stop();
    await database.drop();
  });

  const visitor = async (token?: string) => {
    const connected = await connectVisitor(app.url, { bot: fixture.bot.publicKey, visitor: token });
    sockets.push(connected.socket);
    return connected;
  };
  const messages = (conversationId: string) => app.db.getRepository(Message).find({ where: { conversationId }, order: { createdAt: 'ASC' } });

  it('stops mid-stream on reply:stop and stores what was said as stopped', async () => {
    const { socket, session } = await visitor();
    const reply = collectReply(socket);
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 's-1', text: 'Tell me about sleep' });
    if (!ack.ok) throw new Error('send failed');
    await new Promise<void>((resolve) => socket.on('reply:delta', (d: ReplyDeltaEvent) => d.seq === 4 && resolve()));
    expect(await emitAck(socket, 'reply:stop', { replyId: ack.replyId })).toEqual({ ok: true });
    const { end, deltas } = await reply;
    expect(end.status).toBe('stopped');
    expect(end.text).toBe(deltas.map((d) => d.text).join(''));
    expect(deltas.length).toBeGreaterThanOrEqual(5);
    expect(deltas.length).toBeLessThan(60);
    const [, answer] = await messages(session.conversation.id);
    expect(answer).toMatchObject({ id: ack.replyId, status: 'stopped', text: end.text });
    // Stopping again once it is over is harmless.
    expect(await emitAck(socket, 'reply:stop', { replyId: ack.replyId })).toEqual({ ok: true });
  });

  it('keeps generating when the visitor leaves, and a returning visitor catches up mid-stream', async () => {
    const first = await visitor();
    const ack = await emitAck<{ messageId: string; replyId: string }>(first.socket, 'message:send', { clientId: 'l-1', text: 'What should I eat in winter?' });
    if (!ack.ok) throw new Error('send failed');
    await new Promise<void>((resolve) => first.socket.on('reply:delta', (d: ReplyDeltaEvent) => d.seq === 3 && resolve()));
    first.socket.disconnect();

    const back = await visitor(first.session.visitor);
    const live = back.session.conversation.messages.find((m) => m.id === ack.replyId)!;
    expect(live.status).toBe('streaming');
    expect(live.seq).toBeGreaterThanOrEqual(4);
    expect(live.text.length).toBeGreaterThan(0);
    const rest = await collectReply(back.socket, () => ack.replyId);
    // The snapshot and the deltas after it make the whole reply: no gap, no duplicate.
    expect(rest.deltas[0]?.seq).toBe(live.seq);
    expect(live.text + rest.deltas.map((d) => d.text).join('')).toBe(rest.end.text);
    expect(rest.end.status).toBe('complete');
    const [, answer] = await messages(first.session.conversation.id);
    expect(answer).toMatchObject({ status: 'complete', text: rest.end.text });
  });

  it('stores a reply whose visitor never comes back', async () => {
    const { socket, session } = await visitor();
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'g-1', text: 'Bye' });
    if (!ack.ok) throw new Error('send failed');
    await nextEvent(socket, 'reply:delta');
    socket.disconnect();
    await waitFor(async () => (await messages(session.conversation.id))[1]?.status === 'complete');
    const [, answer] = await messages(session.conversation.id);
    expect(answer.text.length).toBeGreaterThan(20);
    expect(answer.completionTokens).toBeGreaterThan(5);
  });

  it('answers /health with 200 while the database answers', async () => {
    await request(app.app.getHttpServer()).get('/health').expect(200, { status: 'ok', database: 'up' });
  });

  it('keeps the history across a restart, and a shutdown stores the reply in flight as failed with its text', async () => {
    const { socket, session } = await visitor();
    const done = collectReply(socket);
    await emitAck(socket, 'message:send', { clientId: 'x-1', text: 'Before restart' });
    await done;

    sim.simulator.configure({ tokensPerSecond: 10 });
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'x-2', text: 'During shutdown' });
    if (!ack.ok) throw new Error('send failed');
    await new Promise<void>((resolve) => socket.on('reply:delta', (d: ReplyDeltaEvent) => d.seq === 2 && resolve()));
    await app.close(); // grace 300 ms, far less than the reply needs
    sim.simulator.configure({ tokensPerSecond: 40 });

    app = await startTestApp({ databaseUrl: database.url, simulatorUrl: sim.url });
    const back = await visitor(session.visitor);
    expect(back.session.conversation.id).toBe(session.conversation.id);
    const stored = back.session.conversation.messages;
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'failed'],
    ]);
    expect(stored[0].text).toBe('Before restart');
    expect(stored[3].id).toBe(ack.replyId);
    expect(stored[3].text.length).toBeGreaterThan(0);
  });
});
