import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { AzureOpenAISimulator } from '../backend/src/llm/simulator';
import { freePort, RunningServer, startProduct } from './browser/support';
import { createTestDatabase, TestDatabase } from './support/database';
import { SIM_DEPLOYMENT, SIM_KEY, startSimulator } from './support/test-app';
import { collectReply, connectVisitor, emitAck, nextEvent } from './support/visitor';

const OWNER = { email: 'owner@signals.example', password: 'signals-owner-pass' };

/** Rows of one conversation, straight from the database: only while the product is down (PGlite serves one session). */
async function rows(url: string, conversationId: string): Promise<Array<{ role: string; status: string; text: string; error_detail: string | null }>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query('SELECT role, status, text, error_detail FROM messages WHERE conversation_id = $1 ORDER BY created_at, id', [conversationId]);
    return result.rows;
  } finally {
    await client.end();
  }
}

/**
 * The built product in its own process, stopped with SIGTERM or killed with SIGKILL while a
 * reply streams: nothing is left `streaming`, what was said is kept, and it serves again.
 */
describe('SIGTERM and kill -9 with a reply in flight', () => {
  let database: TestDatabase;
  let simulator: AzureOpenAISimulator;
  let simulatorUrl: string;
  let publicKey = '';
  let cookie = '';
  let product: RunningServer | undefined;
  let port: number;
  let dbUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ simulator, url: simulatorUrl } = await startSimulator());
    // A long reply at 30 pieces/s: several seconds of streaming to interrupt.
    simulator.configure({ tokensPerSecond: 30, reply: () => '这是一段很长的养生建议。'.repeat(40) });
    port = await freePort();
    dbUrl = database.url;
  });

  afterAll(async () => {
    await product?.kill('SIGKILL');
    await simulator?.stop();
    await database?.drop();
  });

  const start = () => startProduct(port, {
    DATABASE_URL: dbUrl, ...database.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-signals-')), APP_SECRET: 'signals-secret-'.padEnd(40, 'x'),
    AZURE_OPENAI_ENDPOINT: simulatorUrl, AZURE_OPENAI_API_KEY: SIM_KEY, AZURE_OPENAI_DEPLOYMENT: SIM_DEPLOYMENT,
    SHUTDOWN_GRACE_MS: '700', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password,
    RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '0',
  });

  /** The seeded bot's key and an owner session, through the REST API (the database is the product's). */
  async function signIn(url: string): Promise<void> {
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${url}/api/bots`, { headers: { cookie } });
    const { bots } = (await res.json()) as { bots: Array<{ publicKey: string }> };
    if (!bots?.[0]) throw new Error(`GET /api/bots: ${res.status} ${JSON.stringify(bots)}`);
    publicKey = bots[0].publicKey;
  }

  async function transcript(url: string, id: string): Promise<Array<{ role: string; status: string; text: string; errorDetail: string | null }>> {
    const res = await fetch(`${url}/api/conversations/${id}`, { headers: { cookie } });
    return ((await res.json()) as { messages: Array<{ role: string; status: string; text: string; errorDetail: string | null }> }).messages;
  }

  async function midReply(url: string, token?: string) {
    const visitor = await connectVisitor(url, { bot: publicKey, visitor: token, origin: `http://localhost:${port}` });
    const ack = await emitAck<{ messageId: string; replyId: string }>(visitor.socket, 'message:send', { clientId: `sig-${Date.now()}`, text: '冬天怎么养生？' });
    if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
    for (let i = 0; i < 5; i++) await nextEvent(visitor.socket, 'reply:delta');
    return { ...visitor, ack };
  }

  it('on SIGTERM stops taking turns, stores the reply in flight as failed with its text, and exits', async () => {
    product = await start();
    await signIn(product.url);
    const { socket, session, ack } = await midReply(product.url);
    const other = await connectVisitor(product.url, { bot: publicKey, origin: `http://localhost:${port}` });

    const exited = product.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 150));
    const refused = await emitAck(other.socket, 'message:send', { clientId: 'late', text: 'Anyone?' }).catch((e: Error) => ({ ok: false, error: { code: e.message } }));
    expect(refused).toMatchObject({ ok: false });
    expect(await exited).toBe('SIGTERM');
    socket.disconnect();
    other.socket.disconnect();

    const stored = await rows(dbUrl, session.conversation.id);
    expect(stored.map((r) => [r.role, r.status])).toEqual([['user', 'complete'], ['assistant', 'failed']]);
    expect(stored[1].text.length).toBeGreaterThan(0);
    expect('这是一段很长的养生建议。'.repeat(40).startsWith(stored[1].text)).toBe(true);
    expect(stored.every((r) => r.status !== 'streaming')).toBe(true);
    void ack;
  });

  it('after kill -9 the next start leaves no row streaming, and the visitor can retry', async () => {
    product = await start();
    const { socket, session, ack } = await midReply(product.url);
    const token = session.visitor;
    expect(await product.kill('SIGKILL')).toBe('SIGKILL');
    socket.disconnect();
    expect((await rows(dbUrl, session.conversation.id))[1].status).toBe('streaming');

    product = await start();
    await signIn(product.url);
    const stored = await transcript(product.url, session.conversation.id);
    expect(stored[1].status).toBe('failed');
    expect(stored[1].errorDetail).toMatch(/stopped while the reply was streaming/);

    simulator.configure({ tokensPerSecond: 500, reply: () => 'Recovered answer.' });
    const back = await connectVisitor(product.url, { bot: publicKey, visitor: token, origin: `http://localhost:${port}` });
    expect(back.session.conversation.messages.map((m) => m.status)).toEqual(['complete', 'failed']);
    const done = collectReply(back.socket);
    const retried = await emitAck<{ replyId: string }>(back.socket, 'reply:retry', { replyId: ack.replyId });
    expect(retried).toMatchObject({ ok: true });
    expect((await done).end).toMatchObject({ status: 'complete', text: 'Recovered answer.' });
    back.socket.disconnect();
  });
});
