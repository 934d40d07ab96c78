import { Bot } from '../backend/src/bots/bot.entity';
import { newPublicKey } from '../backend/src/bots/public-key';
import { Tenant } from '../backend/src/tenants/tenant.entity';
import { User } from '../backend/src/users/user.entity';
import { createTenantWithStaff, createUser, signIn } from './support/accounts';
import { createTestDatabase, TestDatabase } from './support/database';
import { startTestApp, TestApp } from './support/test-app';

type Browser = Awaited<ReturnType<typeof signIn>>;

describe('tenants API (installation admin only)', () => {
  let database: TestDatabase;
  let app: TestApp;
  let home: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let admin: Browser;
  let owner: Browser;
  let agent: Browser;
  const tenants = () => app.db.getRepository(Tenant);
  const users = () => app.db.getRepository(User);

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({ database: database, demo: true });
    home = await createTenantWithStaff(app.db);
    const adminUser = await createUser(app.db, home.tenant.id, 'owner', { isAdmin: true });
    admin = await signIn(app, adminUser.email);
    owner = await signIn(app, home.owner.email);
    agent = await signIn(app, home.agent.email);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  describe('POST /api/tenants', () => {
    it('creates a tenant with a first owner who must change the password', async () => {
      const res = await admin.post('/api/tenants').send({ name: ' Acme Dental ', owner: { email: 'Boss@Acme.example', password: 'first-password-1' } }).expect(201);
      expect(res.body).toEqual({
        tenant: { id: expect.any(String), name: 'Acme Dental', createdAt: expect.any(String) },
        owner: { id: expect.any(String), email: 'boss@acme.example' },
      });
      expect(await tenants().findOneByOrFail({ id: res.body.tenant.id })).toMatchObject({ name: 'Acme Dental' });
      const stored = await users().findOneByOrFail({ id: res.body.owner.id });
      expect(stored).toMatchObject({ tenantId: res.body.tenant.id, role: 'owner', isAdmin: false, mustChangePassword: true });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

      const boss = await signIn(app, 'boss@acme.example', 'first-password-1');
      expect((await boss.get('/api/auth/me').expect(200)).body.user).toMatchObject({ tenantId: res.body.tenant.id, role: 'owner', mustChangePassword: true });
      await boss.get('/api/bots').expect(403);
      await boss.post('/api/auth/password').send({ current: 'first-password-1', next: 'boss-own-password' }).expect(204);
      expect((await boss.get('/api/bots').expect(200)).body.bots).toEqual([]);
      await boss.get('/api/tenants').expect(403);
    });

    it('names the bad field', async () => {
      const before = await tenants().count();
      const cases: [object, RegExp][] = [
        [{ owner: { email: 'x@acme.example', password: 'first-password-1' } }, /^name:/],
        [{ name: '', owner: { email: 'x@acme.example', password: 'first-password-1' } }, /^name:/],
        [{ name: 'X', owner: { email: 'nope', password: 'first-password-1' } }, /^owner\.email:/],
        [{ name: 'X', owner: { email: 'x@acme.example', password: 'short' } }, /^owner\.password:/],
        [{ name: 'X', owner: { email: 'x@acme.example', password: 'first-password-1', role: 'agent' } }, /role/],
      ];
      for (const [body, message] of cases) {
        const res = await admin.post('/api/tenants').send(body).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.message).toMatch(message);
      }
      expect(await tenants().count()).toBe(before);
    });

    it('refuses an email in use, creating no tenant', async () => {
      const before = await tenants().count();
      const res = await admin.post('/api/tenants').send({ name: 'Dup', owner: { email: home.agent.email, password: 'first-password-1' } }).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(res.body.message).toMatch(/^owner\.email:/);
      expect(await tenants().count()).toBe(before);
      expect(await users().findOneByOrFail({ id: home.agent.id })).toMatchObject({ tenantId: home.tenant.id });
    });

    it('refuses owners and agents who are not the admin', async () => {
      const before = await tenants().count();
      const res = await owner.post('/api/tenants').send({ name: 'Mine', owner: { email: 'mine@acme.example', password: 'first-password-1' } }).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await agent.post('/api/tenants').send({ name: 'Mine', owner: { email: 'mine@acme.example', password: 'first-password-1' } }).expect(403);
      expect(await tenants().count()).toBe(before);
      expect(await users().findOneBy({ email: 'mine@acme.example' })).toBeNull();
    });
  });

  describe('GET /api/tenants', () => {
    it('lists every tenant with its member and bot counts', async () => {
      const other = await createTenantWithStaff(app.db, 'Counted');
      await createUser(app.db, other.tenant.id, 'agent');
      for (const name of ['one', 'two']) {
        await app.db.getRepository(Bot).save({ tenantId: other.tenant.id, name, publicKey: newPublicKey() });
      }
      const list = (await admin.get('/api/tenants').expect(200)).body.tenants;
      expect(list).toContainEqual({ id: other.tenant.id, name: 'Counted', createdAt: expect.any(String), members: 3, bots: 2 });
      expect(list).toContainEqual({ id: home.tenant.id, name: home.tenant.name, createdAt: expect.any(String), members: 3, bots: 0 });
      expect(list).toHaveLength(await tenants().count());
    });

    it('refuses owners and agents who are not the admin', async () => {
      expect((await owner.get('/api/tenants').expect(403)).body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await agent.get('/api/tenants').expect(403);
    });
  });
});
