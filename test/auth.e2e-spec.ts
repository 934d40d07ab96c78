import request from 'supertest';
import { createTestDatabase, TestDatabase } from './support/database';
import { createTenantWithStaff, PASSWORD, signIn } from './support/accounts';
import { startTestApp, TestApp } from './support/test-app';

describe('accounts: sign in, sign out, change password', () => {
  let database: TestDatabase;
  let app: TestApp;
  let staff: Awaited<ReturnType<typeof createTenantWithStaff>>;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({ database: database, demo: true });
    staff = await createTenantWithStaff(app.db);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('signs in with a httpOnly, SameSite=Strict cookie and answers /me', async () => {
    const res = await http().post('/api/auth/login').send({ email: staff.owner.email.toUpperCase(), password: PASSWORD }).expect(200);
    expect(res.body.user).toMatchObject({ email: staff.owner.email, role: 'owner', tenantId: staff.tenant.id });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/cc_session=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const agent = await signIn(app, staff.agent.email);
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.user).toMatchObject({ id: staff.agent.id, role: 'agent' });
  });

  it('refuses a wrong password or an unknown email alike, and names bad fields', async () => {
    const wrong = await http().post('/api/auth/login').send({ email: staff.owner.email, password: 'nope' }).expect(401);
    const unknown = await http().post('/api/auth/login').send({ email: 'nobody@example.com', password: 'nope' }).expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    const bad = await http().post('/api/auth/login').send({ email: 'not-an-email', password: 'x' }).expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(bad.body.message).toMatch(/^email:/);
    const extra = await http().post('/api/auth/login').send({ email: staff.owner.email, password: PASSWORD, role: 'admin' }).expect(400);
    expect(extra.body.message).toMatch(/role/);
  });

  it('needs a session for /api and forgets it at sign-out', async () => {
    await http().get('/api/auth/me').expect(401);
    await http().get('/api/auth/me').set('Cookie', 'cc_session=forged').expect(401);
    const agent = await signIn(app, staff.owner.email);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('refuses state-changing requests from another site', async () => {
    const agent = await signIn(app, staff.owner.email);
    await agent.post('/api/auth/logout').set('Origin', 'https://evil.example').expect(403);
    await agent.get('/api/auth/me').expect(200);
  });

  it('changes the password: checks the current one, signs out other sessions, keeps this one', async () => {
    const { owner } = await createTenantWithStaff(app.db);
    const here = await signIn(app, owner.email);
    const elsewhere = await signIn(app, owner.email);
    const wrong = await here.post('/api/auth/password').send({ current: 'wrong', next: 'a-new-long-password' }).expect(400);
    expect(wrong.body.message).toMatch(/^current:/);
    const short = await here.post('/api/auth/password').send({ current: PASSWORD, next: 'short' }).expect(400);
    expect(short.body.message).toMatch(/^next:/);
    await here.post('/api/auth/password').send({ current: PASSWORD, next: 'a-new-long-password' }).expect(204);
    await here.get('/api/auth/me').expect(200);
    await elsewhere.get('/api/auth/me').expect(401);
    await http().post('/api/auth/login').send({ email: owner.email, password: PASSWORD }).expect(401);
    await signIn(app, owner.email, 'a-new-long-password');
  });

  it('rate-limits sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await http().post('/api/auth/login').set('X-Forwarded-For', '203.0.113.9').send({ email: 'x@example.com', password: 'y' })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
  });
});
