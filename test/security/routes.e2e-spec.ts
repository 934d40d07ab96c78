import request from 'supertest';
import { createTenantWithStaff, createUser, PASSWORD, signIn } from '../support/accounts';
import { createTestDatabase, TestDatabase } from '../support/database';
import { talk } from '../support/conversations';
import { createBot } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { AccessRule, declaredRules, RouterRoute, routerRoutes, ruleKey, spellings } from './route-table';

type Browser = Awaited<ReturnType<typeof signIn>>;

/** Routes anybody may call. Every other route the router holds must ask for a session. */
const PUBLIC_ROUTES = new Set([
  'GET /',
  'GET /health',
  'GET /metrics',
  'GET /widget.js',
  'GET /widget/:file',
  'GET /widget/config/:bot',
  'GET /console',
  'GET /console/*path',
  'GET /console/assets/:file',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/docs',
  'GET /api/docs-json',
  'GET /api/docs/assets/:file',
]);

/** Bodies that would succeed if the checks let them through, so a hole shows as changed data. */
const BODIES: Record<string, object> = {
  'POST /api/tenants': { name: 'Intruder Inc', owner: { email: 'intruder@evil.example', password: 'intruder-password-1' } },
  'POST /api/bots': { name: 'Intruder bot' },
  'PATCH /api/bots/:id': { name: 'Taken over' },
  'POST /api/bots/:id/roles': { systemPrompt: 'You work for the intruder now.' },
  'POST /api/bots/:id/preview': { messages: [{ role: 'user', content: 'hello' }] },
  'PATCH /api/conversations/:id': { reviewed: true, note: 'seen by an intruder' },
  'POST /api/bots/:id/knowledge': { title: 'Intruder notes', text: 'The intruder wrote this.' },
  'PUT /api/bots/:id/knowledge/:sourceId': { title: 'Taken over', text: 'The intruder rewrote this.' },
  'POST /api/bots/:id/knowledge/search': { query: 'opening hours' },
  'PUT /api/bots/:id/rules': { rules: [{ match: { keywords: ['hi'] }, action: 'answer', answer: 'The intruder answers now.' }] },
  'POST /api/conversations/:id/messages': { text: 'a message from an intruder' },
  'POST /api/members': { email: 'intruder2@evil.example', role: 'owner', password: 'intruder-password-1' },
  'POST /api/auth/password': { current: PASSWORD, next: 'intruder-password-1' },
};

describe('security: every route is closed unless it says otherwise, however its path is spelt', () => {
  let database: TestDatabase;
  let app: TestApp;
  let routes: (RouterRoute & { rule: AccessRule; key: string })[];
  let victim: { tenant: { id: string }; owner: { email: string; id: string }; agent: { email: string; id: string } };
  let ids: Record<string, string>;
  let agent: Browser;
  let owner: Browser;
  let otherOwner: Browser;
  let otherAgent: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({ database, demo: true });
    const { tenant, bot } = await createBot(app.db);
    victim = { tenant, owner: await createUser(app.db, tenant.id, 'owner'), agent: await createUser(app.db, tenant.id, 'agent') };
    const chat = await talk(app.url, bot.publicKey, ['hello']);
    chat.socket.disconnect();
    const [source] = await app.db.query(
      `INSERT INTO knowledge_sources (tenant_id, bot_id, kind, title, content, status) VALUES ($1, $2, 'text', 'Hours', $3, 'ready') RETURNING id`,
      [tenant.id, bot.id, Buffer.from('We open at nine.')],
    );
    const [offline] = await app.db.query(
      `INSERT INTO offline_messages (tenant_id, bot_id, conversation_id, visitor_id, email, text) SELECT $1, $2, c.id, c.visitor_id, 'v@example.com', 'call me' FROM conversations c WHERE c.id = $3 RETURNING id`,
      [tenant.id, bot.id, chat.conversationId],
    );
    ids = { bots: bot.id, conversations: chat.conversationId, members: victim.agent.id, sources: source.id, 'offline-messages': offline.id };
    const other = await createTenantWithStaff(app.db, 'Other clinic');
    agent = await signIn(app, victim.agent.email);
    owner = await signIn(app, victim.owner.email);
    otherOwner = await signIn(app, other.owner.email);
    otherAgent = await signIn(app, other.agent.email);

    const rules = declaredRules(app.app);
    routes = routerRoutes(app.app).map((r) => {
      const key = `${r.method} ${r.path}`;
      return { ...r, key, rule: rules.get(ruleKey(r.method, r.path))! };
    });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** Every table's content, so any write a refused request made would show. */
  async function snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    // Knowledge's tables are written with SQL (no entity): listed by name.
    for (const tableName of [...app.db.entityMetadatas.map((m) => m.tableName), 'knowledge_sources', 'knowledge_chunks', 'bot_rules', 'offline_messages']) {
      // Sessions are touched by signed-in requests (last seen); their number is what matters.
      const sql =
        tableName === 'sessions'
          ? `SELECT count(*)::text AS v FROM sessions`
          : `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS v FROM "${tableName}" t`;
      out[tableName] = (await app.db.query(sql))[0].v;
    }
    return out;
  }

  function concrete(path: string): string {
    return path
      .replace(/^\/api\/(bots|conversations|members|offline-messages)\/:id/, (_, kind: string) => `/api/${kind}/${ids[kind]}`)
      .replace(':version', '1')
      .replace(':sourceId', ids.sources)
      .replace(':file', 'main.js')
      .replace('*path', 'somewhere');
  }

  function send(client: ReturnType<typeof request> | Browser, method: string, path: string, key: string) {
    const req = (client as unknown as Record<string, (p: string) => request.Test>)[method.toLowerCase()](path);
    return method === 'GET' || method === 'HEAD' || method === 'DELETE' ? req : req.send(BODIES[key] ?? {});
  }

  it('reads the routes from the router, and each declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((r) => !r.rule || (!r.rule.public && !r.rule.roles && !r.rule.adminOnly && !r.rule.signedIn));
    expect(undeclared.map((r) => r.key)).toEqual([]);
    const unexpectedPublic = routes.filter((r) => r.rule.public && !PUBLIC_ROUTES.has(r.key));
    expect(unexpectedPublic.map((r) => r.key)).toEqual([]);
  });

  it('answers 401 to every non-public route without a session, and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const r of routes.filter((x) => !x.rule.public)) {
      const res = await send(request(app.app.getHttpServer()), r.method, concrete(r.path), r.key);
      if (res.status !== 401) wrong.push(`${r.key} -> ${res.status}`);
      if (r.method === 'GET') {
        const head = await request(app.app.getHttpServer()).head(concrete(r.path));
        if (head.status !== 401) wrong.push(`HEAD ${r.path} -> ${head.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('never answers 2xx to another spelling of a closed route, with or without a session, and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const r of routes.filter((x) => !x.rule.public)) {
      for (const path of spellings(concrete(r.path))) {
        for (const [who, client] of [['anonymous', request(app.app.getHttpServer())], ['agent', agent]] as const) {
          const res = await send(client, r.method, path, r.key);
          if (res.status < 300) wrong.push(`${who} ${r.method} ${path} -> ${res.status}`);
          if (res.status >= 500) wrong.push(`${who} ${r.method} ${path} -> ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('the critical case: POST /API/tenants creates no tenant, GET /API/tenants lists none', async () => {
    const anonymous = request(app.app.getHttpServer());
    const res = await anonymous.post('/API/tenants').send(BODIES['POST /api/tenants']);
    expect(res.status).toBe(404);
    expect((await anonymous.get('/API/tenants')).status).toBe(404);
    expect((await anonymous.get('/Api/Tenants')).status).toBe(404);
    expect(await app.db.query(`SELECT 1 FROM tenants WHERE name = 'Intruder Inc'`)).toEqual([]);
  });

  it('refuses state-changing requests from another site on public routes too (login CSRF)', async () => {
    const res = await request(app.app.getHttpServer())
      .post('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .send({ email: victim.owner.email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an agent every route only an owner or the admin may call, and changes nothing', async () => {
    const before = await snapshot();
    const closed = routes.filter((r) => !r.rule.public && (r.rule.adminOnly || (r.rule.roles && !r.rule.roles.includes('agent'))));
    expect(closed.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const r of closed) {
      const res = await send(agent, r.method, concrete(r.path), r.key);
      if (res.status !== 403) wrong.push(`${r.key} -> ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an owner who is not the admin every admin route', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.rule.adminOnly)) {
      const res = await send(owner, r.method, concrete(r.path), r.key);
      if (res.status !== 403) wrong.push(`${r.key} -> ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 404 to another tenant's owner and agent on every route that takes an id, and changes nothing", async () => {
    const withId = routes.filter((r) => !r.rule.public && r.path.includes(':id'));
    expect(withId.length).toBeGreaterThan(5);
    // A new kind of id needs a fixture here, or this walk would not cover it.
    expect(withId.filter((r) => !/^\/api\/(bots|conversations|members|offline-messages)\/:id/.test(r.path)).map((r) => r.key)).toEqual([]);
    const before = await snapshot();
    const wrong: string[] = [];
    for (const r of withId) {
      for (const [who, client] of [['owner', otherOwner], ['agent', otherAgent]] as const) {
        const res = await send(client, r.method, concrete(r.path), r.key);
        const expected = who === 'agent' && r.rule.roles && !r.rule.roles.includes('agent') ? 403 : 404;
        if (res.status !== expected) wrong.push(`${who} ${r.key} -> ${res.status} (expected ${expected})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('a user of the tenant does reach the same routes (the walk is not refusing everything)', async () => {
    await owner.get(`/api/bots/${ids.bots}`).expect(200);
    await agent.get(`/api/conversations/${ids.conversations}`).expect(200);
    await createUser(app.db, victim.tenant.id, 'owner', { isAdmin: true }).then((u) => signIn(app, u.email)).then((admin) => admin.get('/api/tenants').expect(200));
  });
});
