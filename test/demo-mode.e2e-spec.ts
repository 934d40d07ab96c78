import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { Bot } from '../backend/src/bots/bot.entity';
import { BotRole } from '../backend/src/bots/bot-role.entity';
import { Tenant } from '../backend/src/tenants/tenant.entity';
import { verifyPassword } from '../backend/src/users/passwords';
import { User } from '../backend/src/users/user.entity';
import { HEALTH_ADVISOR_ROLE } from '../backend/src/demo/health-advisor.role';
import { createTestDatabase, TestDatabase } from './support/database';
import { startTestApp, TestApp } from './support/test-app';
import { collectReply, connectVisitor, emitAck, nextEvent } from './support/visitor';
import { eventually } from './support/wait-until';

const PUBLIC_URL = 'http://localhost:3999';

describe('demo mode: a fresh installation with no Azure settings', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({
      database: database,
      demo: true,
      // 100 chunks/s: the demo reply (a few tokens per chunk, as Azure sends) arrives in visibly separate deltas.
      env: { PUBLIC_URL, ADMIN_EMAIL: 'Owner@Clinic.example', ADMIN_PASSWORD: 'a-long-password', DEMO_TOKENS_PER_SECOND: '100' },
    });
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('seeds the demo tenant, the health-advisor bot with its role, and the owner account', async () => {
    const tenants = await app.db.getRepository(Tenant).find();
    expect(tenants.map((t) => t.name)).toEqual(['Demo Clinic']);
    const [bot] = await app.db.getRepository(Bot).find();
    expect(bot.allowedOrigins).toEqual([PUBLIC_URL]);
    expect(bot.publicKey).toMatch(/^pk_[0-9a-f]{32}$/);
    const role = await app.db.getRepository(BotRole).findOneByOrFail({ botId: bot.id, version: bot.activeRoleVersion! });
    expect(role.systemPrompt).toBe(HEALTH_ADVISOR_ROLE);
    const [owner] = await app.db.getRepository(User).find();
    expect(owner).toMatchObject({ email: 'owner@clinic.example', role: 'owner', isAdmin: true, tenantId: tenants[0].id });
    await expect(verifyPassword(owner.passwordHash, 'a-long-password')).resolves.toBe(true);
  });

  it('serves the demo page with the one-line snippet, and the widget files', async () => {
    const bot = (await app.db.getRepository(Bot).find())[0];
    const page = await request(app.app.getHttpServer()).get('/').expect(200);
    const snippet = `<script src="${PUBLIC_URL}/widget.js" data-bot="${bot.publicKey}" async></script>`;
    expect(page.text).toContain(snippet);
    expect(page.text).toContain(`&#60;script src=&#34;${PUBLIC_URL}/widget.js&#34;`); // shown as text too
    const loader = await request(app.app.getHttpServer()).get('/widget.js').expect(200);
    expect(loader.headers['content-type']).toMatch(/javascript/);
    expect(loader.headers['cache-control']).toBe('public, max-age=300');
    await request(app.app.getHttpServer()).get('/widget/..%2Fpackage.json').expect(404);
  });

  it('answers from the built-in simulator, in Chinese, naming the role, with the demo flag set', async () => {
    const bot = (await app.db.getRepository(Bot).find())[0];
    const { socket, session } = await connectVisitor(app.url, { bot: bot.publicKey, origin: PUBLIC_URL });
    try {
      expect(session.bot).toMatchObject({ name: '养生顾问', demo: true, locale: 'zh-CN' });
      expect(session.bot.greeting).toContain('养生');
      expect(session.bot.suggestions.length).toBeGreaterThan(0);
      const reply = collectReply(socket);
      expect((await emitAck(socket, 'message:send', { clientId: 'hi', text: '你好' })).ok).toBe(true);
      const { end, deltas } = await reply;
      expect(end.status).toBe('complete');
      expect(deltas.length).toBeGreaterThan(5);
      expect(end.text).toMatch(/模拟/);
      expect(end.text).toContain('养生顾问');
    } finally {
      socket.disconnect();
    }
  });

  it('answers from its own small knowledge base, citing the page it quotes', async () => {
    const bot = (await app.db.getRepository(Bot).find())[0];
    await eventually('the demo pages indexed', async () => {
      const rows: { status: string }[] = await app.db.query(`SELECT status FROM knowledge_sources WHERE bot_id = $1`, [bot.id]);
      expect(rows.length).toBe(6);
      expect(rows.every((r) => r.status === 'ready')).toBe(true);
    }, 30_000);
    const { socket } = await connectVisitor(app.url, { bot: bot.publicKey, origin: PUBLIC_URL });
    try {
      const sources = nextEvent(socket, 'reply:sources');
      const reply = collectReply(socket);
      expect((await emitAck(socket, 'message:send', { clientId: 'sleep', text: '成年人每晚需要睡几个小时？' })).ok).toBe(true);
      const { end } = await reply;
      const [first] = (await sources).sources;
      expect(first.title).toMatch(/睡/);
      expect(end.text).toContain('[1]');
      expect(end.text).toContain(first.title);
    } finally {
      socket.disconnect();
    }
  });

  it('answers /health with 503 when the database does not answer', async () => {
    await app.db.destroy();
    await request(app.app.getHttpServer()).get('/health').expect(503);
  });
});

describe('start-up with a bad environment', () => {
  it('stops and names the variable', () => {
    const main = join(__dirname, '..', 'dist', 'backend', 'src', 'main.js');
    const run = spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH, PORT: 'abc', DATABASE_URL: 'mysql://x' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('DATABASE_URL');
  });
});
