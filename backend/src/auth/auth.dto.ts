import { z } from 'zod';

export const loginSchema = z.strictObject({
  email: z.string().trim().email().max(200),
  password: z.string().min(1).max(200),
});

export const passwordSchema = z.strictObject({
  current: z.string().min(1).max(200),
  next: z.string().min(10, 'must be at least 10 characters').max(200),
});
