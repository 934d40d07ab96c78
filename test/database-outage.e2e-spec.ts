import request from 'supertest';
import { Message } from '../backend/src/conversations/message.entity';
import { createTestDatabase, TestDatabase } from './support/database';
import { createBot, BotFixture } from './support/fixtures';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { startSimulator, startTestApp, TestApp } from './support/test-app';
import type { AzureOpenAISimulator } from '../backend/src/llm/simulator';
import { collectReply, connectVisitor, emitAck, refusal } from './support/visitor';

const until = async (check: () => Promise<boolean> | boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * The database goes away for a while (its connections cut by a proxy between app and
 * database) and comes back: visitors get clear errors meanwhile, nothing is half-written, and
 * the same process serves again afterwards.
 */
describe('the database unavailable for a while', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let simulator: AzureOpenAISimulator;
  let app: TestApp;
  let fixture: BotFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const sim = await startSimulator();
    simulator = sim.simulator;
    app = await startTestApp({ database: { ...database, url: proxied.toString() }, simulatorUrl: sim.url, env: { LOG_LEVEL: 'error' } });
    fixture = await createBot(app.db);
  });

  afterAll(async () => {
    proxy?.restore();
    await app?.close();
    await simulator?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it('answers clearly during the outage, finishes the reply in flight, and recovers without a restart', async () => {
    const health = () => request(app.app.getHttpServer()).get('/health');
    const { socket, session } = await connectVisitor(app.url, { bot: fixture.bot.publicKey });

    // A reply is streaming when the database goes away; it keeps streaming (no writes per token).
    simulator.configure({ tokensPerSecond: 40 });
    const reply = collectReply(socket, undefined, 40_000);
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'out-1', text: 'Tell me about sleep' });
    if (!ack.ok) throw new Error('send failed');
    proxy.cut();

    await until(async () => (await health()).status === 503, '/health to say the database is down');
    // New visitors are told to come back (not refused for good); a visitor's new message gets a sentence.
    expect(await refusal(app.url, { bot: fixture.bot.publicKey })).toBe('unavailable');
    const during = await emitAck(socket, 'message:send', { clientId: 'out-2', text: 'Are you there?' });
    expect(during).toMatchObject({ ok: false, error: { message: expect.any(String) } });

    // The reply goes on streaming (no writes per token); its one write, and so its
    // `reply:end`, waits for the database.
    const deltasBefore = await new Promise<number>((resolve) => {
      let n = 0;
      const count = () => n++;
      socket.on('reply:delta', count);
      setTimeout(() => (socket.off('reply:delta', count), resolve(n)), 1500);
    });
    expect(deltasBefore).toBeGreaterThan(10);
    proxy.restore();
    const { end } = await reply;
    expect(end.status).toBe('complete');

    await until(async () => (await health()).status === 200, '/health to recover');
    const rows = () => app.db.getRepository(Message).find({ where: { conversationId: session.conversation.id }, order: { createdAt: 'ASC' } });
    await until(async () => (await rows())[1]?.status === 'complete', 'the reply written after the outage');
    const stored = await rows();
    // Exactly the turn that was accepted: nothing half-written from the refused message.
    expect(stored.map((m) => [m.role, m.status, m.clientId])).toEqual([['user', 'complete', 'out-1'], ['assistant', 'complete', null]]);
    expect(stored[1].text).toBe(end.text);

    // The same process serves a new turn.
    simulator.configure({ tokensPerSecond: 500 });
    const again = collectReply(socket);
    expect(await emitAck(socket, 'message:send', { clientId: 'out-3', text: 'And now?' })).toMatchObject({ ok: true });
    expect((await again).end.status).toBe('complete');
    const fresh = await connectVisitor(app.url, { bot: fixture.bot.publicKey });
    expect(fresh.session.conversation.messages).toEqual([]);
    fresh.socket.disconnect();
    socket.disconnect();
  });
});
