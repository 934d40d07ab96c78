import { DataSource } from 'typeorm';
import { BotRole } from '../../backend/src/bots/bot-role.entity';
import { Bot } from '../../backend/src/bots/bot.entity';
import type { BotSettings } from '../../backend/src/bots/bot-settings';
import { newPublicKey } from '../../backend/src/bots/public-key';
import { Tenant } from '../../backend/src/tenants/tenant.entity';

export const SITE = 'https://clinic.example';

export interface BotFixture {
  tenant: Tenant;
  bot: Bot;
}

/** A tenant with one bot, allowed on SITE, answering with `systemPrompt` as role version 1. */
export async function createBot(
  db: DataSource,
  opts: { systemPrompt?: string; origins?: string[]; settings?: Partial<BotSettings>; enabled?: boolean } = {},
): Promise<BotFixture> {
  const tenant = await db.getRepository(Tenant).save({ name: 'Clinic ' + Math.random().toString(36).slice(2, 7) });
  const bot = await db.getRepository(Bot).save(
    db.getRepository(Bot).create({
      tenantId: tenant.id,
      name: 'Health advisor',
      publicKey: newPublicKey(),
      allowedOrigins: opts.origins ?? [SITE],
      enabled: opts.enabled ?? true,
      settings: { locale: 'en', ...opts.settings },
      activeRoleVersion: 1,
    }),
  );
  await db.getRepository(BotRole).save({ botId: bot.id, version: 1, systemPrompt: opts.systemPrompt ?? 'You are a health advisor. Answer health questions only.' });
  return { tenant, bot };
}
