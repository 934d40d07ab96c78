import { z } from 'zod';
import { passwordRule } from '../users/password-rule';

export const email = z.string().trim().toLowerCase().email().max(200);
/** The password an owner (or the admin) gives a new member, who changes it at first sign-in. */
export const firstPassword = passwordRule;

export const createMemberSchema = z.strictObject({
  email,
  role: z.enum(['owner', 'agent']),
  password: firstPassword,
});

export const memberParamsSchema = z.strictObject({ id: z.guid() });

export type CreateMemberDto = z.infer<typeof createMemberSchema>;
