import request from 'supertest';
import { DataSource } from 'typeorm';
import { Tenant } from '../../backend/src/tenants/tenant.entity';
import { hashPassword } from '../../backend/src/users/passwords';
import { TenantRole, User } from '../../backend/src/users/user.entity';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct-horse-battery';

/** A tenant with an owner and an agent, both with PASSWORD. */
export async function createTenantWithStaff(db: DataSource, name = 'Tenant ' + Math.random().toString(36).slice(2, 7)) {
  const tenant = await db.getRepository(Tenant).save({ name });
  const owner = await createUser(db, tenant.id, 'owner');
  const agent = await createUser(db, tenant.id, 'agent');
  return { tenant, owner, agent };
}

export async function createUser(db: DataSource, tenantId: string, role: TenantRole, opts: { isAdmin?: boolean; email?: string } = {}): Promise<User> {
  const email = opts.email ?? `${role}-${Math.random().toString(36).slice(2, 9)}@example.com`;
  return db.getRepository(User).save({ tenantId, role, email, passwordHash: await hashPassword(PASSWORD), isAdmin: opts.isAdmin ?? false });
}

/** A signed-in browser: a supertest agent carrying the session cookie. */
export async function signIn(app: TestApp, email: string, password = PASSWORD) {
  const agent = request.agent(app.app.getHttpServer());
  await agent.post('/api/auth/login').send({ email, password }).expect(200);
  return agent;
}
