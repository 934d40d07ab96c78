import { z } from 'zod';
import { isoInstant } from '../../conversations/dto/conversation-query.dto';

const DAY_MS = 24 * 3600 * 1000;
export const MAX_USAGE_DAYS = 366;

/** Days are UTC. Without bounds: the last 30 days, today included. */
export const usageQuerySchema = z
  .strictObject({ bot: z.uuid().optional(), from: isoInstant(false).optional(), to: isoInstant(true).optional() })
  .transform((q, ctx) => {
    const tomorrow = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + DAY_MS;
    const to = q.to ?? new Date(tomorrow);
    const from = q.from ?? new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (to.getTime() - from.getTime() > MAX_USAGE_DAYS * DAY_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_USAGE_DAYS} days after from` });
    return { bot: q.bot, from, to };
  });

export type UsageQuery = z.output<typeof usageQuerySchema>;
