import { z } from 'zod';

/**
 * Socket payload schemas. Strict: unknown fields are refused. Text length is checked against
 * the bot's own limit in the service (answered `too_long`), this cap only guards memory.
 */
export const messageSendSchema = z.strictObject({
  clientId: z.string().trim().min(1).max(100),
  text: z.string().max(100_000),
});

export const replyStopSchema = z.strictObject({ replyId: z.uuid() });

export const replyRetrySchema = z.strictObject({ replyId: z.uuid() });

export const feedbackSchema = z.strictObject({
  messageId: z.uuid(),
  rating: z.enum(['up', 'down']),
  comment: z.string().max(2000).optional(),
});

export const conversationOpenSchema = z.strictObject({ conversationId: z.uuid() });

/** `{}` (or nothing): requests that take no fields, such as `conversations:list`. */
export const emptySchema = z.strictObject({}).optional().nullable();
