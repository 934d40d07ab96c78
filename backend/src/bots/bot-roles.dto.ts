import { z } from 'zod';
import { roleNote, systemPrompt } from './bots.dto';

export const publishRoleSchema = z.strictObject({
  systemPrompt,
  note: roleNote.optional(),
});

export const roleParamsSchema = z.strictObject({
  id: z.guid(),
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'must be a version number')
    .transform(Number),
});

export type PublishRoleDto = z.infer<typeof publishRoleSchema>;
