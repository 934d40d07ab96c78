import { z } from 'zod';
import { systemPrompt } from '../bots/bots.dto';

export const previewSchema = z.strictObject({
  /** A draft to try; the active role when absent. */
  systemPrompt: systemPrompt.optional(),
  messages: z
    .array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string().trim().min(1).max(20000) }))
    .min(1)
    .max(50)
    .refine((messages) => messages.at(-1)?.role === 'user', 'the last message must be the user’s'),
});

export type PreviewDto = z.infer<typeof previewSchema>;
