import type { EntityManager } from 'typeorm';
import { Bot } from '../bots/bot.entity';
import type { DemoSetting } from './demo-setting';

/**
 * Allows the seeded demo bot on this start's own origins, so the demo page works after a change
 * of PORT or PUBLIC_URL. Adds, never removes: another instance may serve on another port, and
 * what the owner added stays. Returns the origins added.
 */
export async function followOwnOrigin(tx: EntityManager, demo: DemoSetting | null, origins: string[]): Promise<string[]> {
  if (!demo || origins.length === 0) return [];
  // Locked: an owner's PATCH of the same bot meanwhile is applied before or after, not lost.
  const bot = await tx.findOne(Bot, { where: { id: demo.botId }, lock: { mode: 'pessimistic_write' } });
  if (!bot || bot.allowedOrigins.includes('*')) return [];
  const missing = origins.filter((origin) => !bot.allowedOrigins.includes(origin));
  if (missing.length > 0) await tx.update(Bot, { id: bot.id }, { allowedOrigins: [...bot.allowedOrigins, ...missing] });
  return missing;
}
