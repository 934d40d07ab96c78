import type { EntityManager } from 'typeorm';
import { BotRole } from '../bots/bot-role.entity';
import { Bot } from '../bots/bot.entity';
import { newPublicKey } from '../bots/public-key';
import type { AppConfig } from '../config/app-config';
import { Tenant } from '../tenants/tenant.entity';
import { generatePassword, hashPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import { writeDemoSetting } from './demo-setting';
import { DEMO_BOT_SETTINGS, HEALTH_ADVISOR_ROLE } from './health-advisor.role';

export const DEMO_TENANT_NAME = 'Demo Clinic';
export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';

/** The account the first start made, for the banner. */
export interface FirstAccount {
  email: string;
  /** Made up by this start (to be changed at first sign-in); undefined when ADMIN_PASSWORD chose it. */
  generatedPassword?: string;
}

/**
 * First start of an installation: the demo tenant, its health-advisor bot allowed on `origins`,
 * and the first account (admin of the installation, owner of the demo tenant). A password this
 * start made up was shown in a terminal, so it is one-time like every first password someone
 * else chose; ADMIN_PASSWORD is the operator's own choice and is kept.
 */
export async function seedInstallation(tx: EntityManager, config: AppConfig, origins: string[]): Promise<{ account: FirstAccount; demoBot: { tenantId: string; botId: string } }> {
  const generatedPassword = config.admin ? undefined : generatePassword();
  const email = config.admin?.email ?? DEFAULT_ADMIN_EMAIL;
  const tenant = await tx.save(Tenant, tx.create(Tenant, { name: DEMO_TENANT_NAME }));
  const owner = await tx.save(
    User,
    tx.create(User, {
      tenantId: tenant.id,
      email,
      passwordHash: await hashPassword(config.admin?.password ?? generatedPassword!),
      role: 'owner',
      isAdmin: true,
      mustChangePassword: generatedPassword !== undefined,
    }),
  );
  const bot = await tx.save(
    Bot,
    tx.create(Bot, {
      tenantId: tenant.id,
      name: '养生顾问',
      publicKey: newPublicKey(),
      allowedOrigins: origins,
      settings: DEMO_BOT_SETTINGS,
      activeRoleVersion: 1,
    }),
  );
  await tx.save(BotRole, tx.create(BotRole, { botId: bot.id, version: 1, systemPrompt: HEALTH_ADVISOR_ROLE, note: 'Seeded demo role', authorId: owner.id }));
  await writeDemoSetting(tx, { tenantId: tenant.id, botId: bot.id });
  return { account: { email, generatedPassword }, demoBot: { tenantId: tenant.id, botId: bot.id } };
}
