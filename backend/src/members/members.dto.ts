import { z } from 'zod';

export const email = z.string().trim().toLowerCase().email().max(200);
export const firstPassword = z.string().min(10, 'must be at least 10 characters').max(200);

export const createMemberSchema = z.strictObject({
  email,
  role: z.enum(['owner', 'agent']),
  password: firstPassword,
});

export const memberParamsSchema = z.strictObject({ id: z.guid() });

export type CreateMemberDto = z.infer<typeof createMemberSchema>;
