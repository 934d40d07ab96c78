import type { EntityManager } from 'typeorm';
import { InstallationSetting } from '../settings/installation-setting.entity';

const KEY = 'demo';

/** What the first start seeded: later starts update this bot, and only it (never an owner's own). */
export interface DemoSetting {
  tenantId: string;
  botId: string;
}

export async function readDemoSetting(db: EntityManager): Promise<DemoSetting | null> {
  const row = await db.findOne(InstallationSetting, { where: { key: KEY } });
  return (row?.value as DemoSetting | undefined) ?? null;
}

export async function writeDemoSetting(db: EntityManager, value: DemoSetting): Promise<void> {
  await db.save(InstallationSetting, db.create(InstallationSetting, { key: KEY, value }));
}
