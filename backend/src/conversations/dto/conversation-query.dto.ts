import { z } from 'zod';
import { ConversationCursor, decodeCursor } from '../conversation-cursor';
import { canonicalTimeZone } from '../export-time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** JavaScript reads 2026-02-30 as March 2nd; refuse days the calendar does not have. */
const realDay = (day: string) => !Number.isNaN(Date.parse(day)) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/**
 * An ISO date (a whole UTC day) or date-time with offset. `end` turns a date into the next day's
 * midnight, so `to=2026-11-24` includes the 24th; bounds are then [from, to).
 */
export const isoInstant = (end: boolean) =>
  z
    .string()
    .refine((v) => (DATE.test(v) || DATE_TIME.test(v)) && !Number.isNaN(Date.parse(v)) && realDay(v.slice(0, 10)), 'must be an ISO date (YYYY-MM-DD) or date-time with offset')
    .transform((v) => {
      const at = new Date(DATE.test(v) ? `${v}T00:00:00Z` : v);
      if (end && DATE.test(v)) at.setUTCDate(at.getUTCDate() + 1);
      return at;
    });

const cursor = z.string().transform((value, ctx): ConversationCursor => {
  const decoded = decodeCursor(value);
  if (decoded) return decoded;
  ctx.addIssue({ code: 'custom', message: 'is not a cursor this API handed out' });
  return z.NEVER;
});

/** The filters the list and the export share. */
const filters = {
  bot: z.uuid().optional(),
  q: z.string().trim().min(1).max(200).optional(),
  from: isoInstant(false).optional(),
  to: isoInstant(true).optional(),
  status: z.enum(['stopped', 'filtered', 'failed']).optional(),
  rating: z.enum(['up', 'down']).optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  reviewed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};

const ordered = <T extends { from?: Date; to?: Date }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
};

export const listQuerySchema = z
  .strictObject({ ...filters, cursor: cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .superRefine(ordered);

/** An IANA time zone Intl knows (`Asia/Shanghai`), spelt as Intl spells it. */
const timeZone = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (zone) return zone;
    ctx.addIssue({ code: 'custom', message: 'is not an IANA time zone (for example Asia/Shanghai)' });
    return z.NEVER;
  });

/**
 * `tz` and `lang` are the staff member's: the CSV's times are written in that zone with their
 * offset, its headers in that language. JSON Lines keeps ISO UTC times and field names.
 */
export const exportQuerySchema = z
  .strictObject({
    ...filters,
    format: z.enum(['csv', 'jsonl']).default('csv'),
    tz: timeZone.default('UTC'),
    lang: z.enum(['en', 'zh-CN']).default('en'),
  })
  .superRefine(ordered);

export type ConversationFilters = Omit<z.infer<typeof listQuerySchema>, 'cursor' | 'limit'>;
export type ListQuery = z.infer<typeof listQuerySchema>;
export type ExportQuery = z.infer<typeof exportQuerySchema>;
