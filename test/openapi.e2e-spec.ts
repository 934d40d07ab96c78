import request from 'supertest';
import type { z } from 'zod';
import { SESSION_COOKIE } from '../backend/src/auth/auth-user';
import { toOpenApiPath } from '../backend/src/openapi/openapi-path';
import { ROUTE_DESCRIPTIONS } from '../backend/src/openapi/routes';
import { createTenantWithStaff, createUser, signIn } from './support/accounts';
import { seedConversations } from './support/conversations';
import { createTestDatabase, TestDatabase } from './support/database';
import { allRefs, OpenApiDoc, operations, resolve, samplePath } from './support/openapi-doc';
import { routerRoutes } from './support/router-routes';
import { startTestApp, TestApp } from './support/test-app';

type Browser = Awaited<ReturnType<typeof signIn>>;

describe('API documentation (/api/docs, /api/docs-json)', () => {
  let database: TestDatabase;
  let app: TestApp;
  let doc: OpenApiDoc;
  let home: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let owner: Browser;
  let agent: Browser;
  let admin: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({ database, demo: true });
    home = await createTenantWithStaff(app.db);
    owner = await signIn(app, home.owner.email);
    agent = await signIn(app, home.agent.email);
    admin = await signIn(app, (await createUser(app.db, home.tenant.id, 'owner', { isAdmin: true })).email);
    const res = await request(app.url).get('/api/docs-json').expect(200).expect('Content-Type', /application\/json/);
    doc = res.body;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const served = () => new Set(routerRoutes(app.app).map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
  const documented = () => new Set(operations(doc).map((o) => o.key));

  describe('covers the router', () => {
    it('documents every route the router registers', () => {
      const routes = routerRoutes(app.app);
      expect(routes.length).toBeGreaterThan(30);
      const missing = routes.filter((r) => !documented().has(`${r.method} ${toOpenApiPath(r.path)}`)).map((r) => `${r.method} ${r.path}`);
      expect(missing).toEqual([]);
    });

    it('documents nothing the router does not serve', () => {
      expect([...documented()].filter((key) => !served().has(key))).toEqual([]);
    });

    it('describes every route, and every description names a served route', () => {
      expect(operations(doc).filter((o) => o.op['x-undescribed']).map((o) => o.key)).toEqual([]);
      expect(Object.keys(ROUTE_DESCRIPTIONS).filter((key) => !served().has(key))).toEqual([]);
    });
  });

  describe('is a sound OpenAPI 3.1 document', () => {
    it('has its version, info and paths, and every $ref resolves', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) }));
      expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
      for (const ref of allRefs(doc)) expect(() => resolve(doc, { $ref: ref })).not.toThrow();
    });

    it('declares each path parameter of each path, required', () => {
      for (const { key, path, op } of operations(doc)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name);
        const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
        expect({ key, declared: declared.sort() }).toEqual({ key, declared: inPath.sort() });
      }
    });

    it('gives every request body a JSON schema with properties, from the pipes', () => {
      const withBody = operations(doc).filter((o) => o.op.requestBody);
      expect(withBody.map((o) => o.key)).toEqual(expect.arrayContaining(['POST /api/auth/login', 'POST /api/bots', 'PATCH /api/bots/{id}', 'POST /api/tenants']));
      for (const { key, op } of withBody) {
        const schema = resolve(doc, op.requestBody!.content['application/json']?.schema);
        expect({ key, properties: Object.keys(schema?.properties ?? {}).length > 0 }).toEqual({ key, properties: true });
      }
    });

    it('lists the query parameters the pipes accept', () => {
      const names = (key: string) => operations(doc).find((o) => o.key === key)!.op.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
      expect(names('GET /api/conversations')).toEqual(expect.arrayContaining(['bot', 'q', 'from', 'to', 'status', 'rating', 'tag', 'cursor', 'limit']));
      expect(names('GET /api/conversations/export')).toContain('format');
      expect(names('GET /api/usage')).toEqual(['bot', 'from', 'to']);
    });

    it('documents every error with the { statusCode, error, message } shape', () => {
      const error = resolve(doc, { $ref: '#/components/schemas/Error' });
      expect(Object.keys(error?.properties ?? {}).sort()).toEqual(['error', 'message', 'statusCode']);
      for (const { key, op } of operations(doc)) {
        for (const [status, answer] of Object.entries(op.responses).filter(([s]) => /^[45]/.test(s) && s !== '503')) {
          expect({ key, status, schema: answer.content?.['application/json']?.schema }).toEqual({ key, status, schema: { $ref: '#/components/schemas/Error' } });
        }
      }
      const statuses = (key: string) => Object.keys(operations(doc).find((o) => o.key === key)!.op.responses);
      expect(statuses('PATCH /api/bots/{id}')).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
      expect(statuses('POST /api/members')).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409']));
      expect(statuses('POST /api/auth/login')).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    });
  });

  describe('says who may call each route', () => {
    it('names the session cookie as the security scheme, required unless the route is public', () => {
      expect(doc.components.securitySchemes?.session).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }));
      const publicKeys = operations(doc)
        .filter((o) => !o.op.security?.some((s) => 'session' in s))
        .map((o) => o.key);
      expect(publicKeys).toEqual(expect.arrayContaining(['POST /api/auth/login', 'POST /api/auth/logout', 'GET /api/docs', 'GET /api/docs-json', 'GET /health']));
      expect(publicKeys.filter((k) => k.includes(' /api/') && !k.includes('/api/auth/log') && !k.includes('/api/docs'))).toEqual([]);
    });

    // The document against the guard itself: a route documented as needing a session must refuse
    // a request without one, and a public one must not.
    it('matches what the guard does without a session', async () => {
      for (const { method, path, key, op } of operations(doc)) {
        const res = await request(app.url)[method as 'get'](samplePath(path));
        const needsSession = !!op.security?.some((s) => 'session' in s);
        expect({ key, refused: res.status === 401 }).toEqual({ key, refused: needsSession });
      }
    });

    it("matches the guard's role checks for owner, agent and admin (x-roles)", async () => {
      const callers: [string, Browser][] = [['owner', owner], ['agent', agent], ['admin', admin]];
      for (const { method, path, key, op } of operations(doc).filter((o) => o.op.security?.some((s) => 'session' in s))) {
        expect({ key, roles: op['x-roles']?.length }).toEqual({ key, roles: expect.any(Number) });
        for (const [role, browser] of callers) {
          const res = await browser[method as 'get'](samplePath(path));
          // The admin is also an owner of a tenant, so may call owner routes too.
          const allowed = op['x-roles']!.includes(role) || (role === 'admin' && op['x-roles']!.includes('owner'));
          expect({ key, role, forbidden: res.status === 403 }).toEqual({ key, role, forbidden: !allowed });
        }
      }
    });
  });

  // The answer schemas are written by hand (the services have none); real answers keep them true.
  describe('documents the answers the API really gives', () => {
    const check = async (key: string, call: Promise<request.Response>) => {
      const res = await call;
      const op = operations(doc).find((o) => o.key === key)!;
      const status = Object.keys(op.op.responses).find((s) => s.startsWith('2'));
      expect({ key, status: res.status }).toEqual({ key, status: Number(status) });
      const schema = ROUTE_DESCRIPTIONS[key].success.content?.['application/json']?.schema as z.ZodType | undefined;
      if (schema) {
        const parsed = schema.safeParse(res.body);
        expect({ key, issues: parsed.error?.issues ?? [] }).toEqual({ key, issues: [] });
      }
      return res;
    };

    it('for auth, bots, roles, members and tenants', async () => {
      await check('POST /api/auth/login', request(app.url).post('/api/auth/login').send({ email: home.agent.email, password: 'correct-horse-battery' }));
      await check('GET /api/auth/me', owner.get('/api/auth/me'));
      const bot = (await check('POST /api/bots', owner.post('/api/bots').send({ name: 'Docs bot', systemPrompt: 'Be brief.' }))).body;
      await check('GET /api/bots', owner.get('/api/bots'));
      await check('GET /api/bots/{id}', owner.get(`/api/bots/${bot.id}`));
      await check('PATCH /api/bots/{id}', owner.patch(`/api/bots/${bot.id}`).send({ settings: { dailyTokenBudget: 1000 }, llm: { model: 'gpt-x' } }));
      await check('POST /api/bots/{id}/identity-secret', owner.post(`/api/bots/${bot.id}/identity-secret`));
      await check('POST /api/bots/{id}/roles', owner.post(`/api/bots/${bot.id}/roles`).send({ systemPrompt: 'Be briefer.', note: 'v2' }));
      await check('GET /api/bots/{id}/roles', owner.get(`/api/bots/${bot.id}/roles`));
      await check('POST /api/bots/{id}/roles/{version}/activate', owner.post(`/api/bots/${bot.id}/roles/1/activate`));
      await check('POST /api/members', owner.post('/api/members').send({ email: 'docs-member@example.com', role: 'agent', password: 'first-password-1' }));
      await check('GET /api/members', owner.get('/api/members'));
      await check('POST /api/tenants', admin.post('/api/tenants').send({ name: 'Docs tenant', owner: { email: 'docs-owner@example.com', password: 'first-password-1' } }));
      await check('GET /api/tenants', admin.get('/api/tenants'));
      await check('GET /health', request(app.url).get('/health'));
    });

    it('for conversations and usage', async () => {
      const bot = (await owner.post('/api/bots').send({ name: 'Talkative', systemPrompt: 'Talk.' }).expect(201)).body;
      await seedConversations((sql, params) => app.db.query(sql, params), {
        tenantId: home.tenant.id,
        botId: bot.id,
        count: 3,
        messagesPer: 4,
        lastMessageAt: "now() - i * interval '1 minute'",
      });
      const list = await check('GET /api/conversations', owner.get('/api/conversations?limit=2'));
      expect(list.body.conversations).toHaveLength(2);
      const id = list.body.conversations[0].id;
      await check('GET /api/conversations/{id}', owner.get(`/api/conversations/${id}`));
      await check('PATCH /api/conversations/{id}', agent.patch(`/api/conversations/${id}`).send({ tags: ['docs'], reviewed: true, note: 'ok' }));
      const usage = await check('GET /api/usage', owner.get('/api/usage'));
      expect(usage.body.days.length).toBeGreaterThan(0);
    });
  });

  describe('Swagger UI at /api/docs', () => {
    it('is a page whose scripts and styles all come from this origin, with no inline script', async () => {
      const res = await request(app.url).get('/api/docs').expect(200).expect('Content-Type', /text\/html/);
      const csp = res.headers['content-security-policy'];
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      const html: string = res.text;
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs).toMatch(/\bsrc=/);
        expect(body.trim()).toBe('');
      }
      const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], `${app.url}/api/docs`));
      expect(urls.map((u) => u.origin).filter((o) => o !== app.url)).toEqual([]);
      expect(urls.map((u) => u.pathname)).toEqual(expect.arrayContaining(['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/assets/docs-init.js', '/api/docs/assets/swagger-ui.css']));
    });

    it('serves those files with their content types', async () => {
      const html = (await request(app.url).get('/api/docs').expect(200)).text;
      const types: Record<string, RegExp> = { js: /^text\/javascript/, css: /^text\/css/, png: /^image\/png/ };
      for (const [, ref] of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) {
        const url = new URL(ref, `${app.url}/api/docs`);
        const res = await request(app.url).get(url.pathname).buffer(true).parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
        expect({ ref, status: res.status, type: res.headers['content-type'] }).toEqual({ ref, status: 200, type: expect.stringMatching(types[url.pathname.split('.').pop()!]) });
        expect((res.body as Buffer).length).toBeGreaterThan(0);
      }
      const init = await request(app.url).get('/api/docs/assets/docs-init.js').expect(200);
      expect(init.text).toMatch(/SwaggerUIBundle\(\{[^}]*url: 'docs-json'/);
    });

    it('serves nothing else from the package', async () => {
      for (const file of ['package.json', 'index.html', 'swagger-ui-bundle.js.map', 'constructor', '__proto__', '..%2Fpackage.json']) {
        await request(app.url).get(`/api/docs/assets/${file}`).expect(404);
      }
    });
  });
});
