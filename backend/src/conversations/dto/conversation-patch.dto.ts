import { z } from 'zod';

export const conversationParamsSchema = z.strictObject({ id: z.uuid() });

export const conversationPatchSchema = z
  .strictObject({
    tags: z
      .array(z.string().trim().min(1).max(40))
      .max(20)
      .transform((tags) => [...new Set(tags)])
      .optional(),
    reviewed: z.boolean().optional(),
    note: z.string().max(5000).nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'give at least one of tags, reviewed, note');

export type ConversationPatch = z.infer<typeof conversationPatchSchema>;
