import { z } from 'zod';
import { email, firstPassword } from '../members/members.dto';

export const createTenantSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  owner: z.strictObject({ email, password: firstPassword }),
});

export type CreateTenantDto = z.infer<typeof createTenantSchema>;
