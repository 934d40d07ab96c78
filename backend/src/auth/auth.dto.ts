import { z } from 'zod';
import { passwordRule } from '../users/password-rule';

export const loginSchema = z.strictObject({
  email: z.string().trim().email().max(200),
  password: z.string().min(1).max(200),
});

export const passwordSchema = z.strictObject({
  current: z.string().min(1).max(200),
  next: passwordRule,
});
