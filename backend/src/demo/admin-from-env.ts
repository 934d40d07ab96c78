import type { EntityManager } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import { hashPassword, verifyPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import type { DemoSetting } from './demo-setting';

export type AdminEnvOutcome =
  | { kind: 'unchanged' }
  | { kind: 'created'; tenantName: string }
  /** The account exists with another password (changed since, or reset): it is kept. */
  | { kind: 'password-differs' }
  | { kind: 'not-admin' };

/**
 * ADMIN_EMAIL and ADMIN_PASSWORD on a start after the first. They never overwrite a password
 * someone chose since (a forgotten variable in a compose file would undo every change), but
 * they are not silently ignored either: an email nobody has becomes an installation admin (owner
 * of the demo tenant) with that password; otherwise the caller warns about what did not apply.
 */
export async function applyAdminEnv(tx: EntityManager, admin: { email: string; password: string }, demo: DemoSetting | null): Promise<AdminEnvOutcome> {
  const user = await tx.findOne(User, { where: { email: admin.email } });
  if (user) {
    if (!(await verifyPassword(user.passwordHash, admin.password))) return { kind: 'password-differs' };
    return user.isAdmin ? { kind: 'unchanged' } : { kind: 'not-admin' };
  }
  const tenant = await homeTenant(tx, demo);
  await tx.save(
    User,
    tx.create(User, { tenantId: tenant.id, email: admin.email, passwordHash: await hashPassword(admin.password), role: 'owner', isAdmin: true, mustChangePassword: false }),
  );
  return { kind: 'created', tenantName: tenant.name };
}

/** The demo tenant, as the first account's; else the first admin's tenant; else the oldest. */
async function homeTenant(tx: EntityManager, demo: DemoSetting | null): Promise<Tenant> {
  const demoTenant = demo ? await tx.findOne(Tenant, { where: { id: demo.tenantId } }) : null;
  if (demoTenant) return demoTenant;
  const firstAdmin = await tx.findOne(User, { where: { isAdmin: true }, order: { createdAt: 'ASC' } });
  const tenant = firstAdmin ? await tx.findOne(Tenant, { where: { id: firstAdmin.tenantId } }) : null;
  return tenant ?? (await tx.find(Tenant, { order: { createdAt: 'ASC' }, take: 1 }))[0];
}
