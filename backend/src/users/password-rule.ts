import { z } from 'zod';

/**
 * The one password rule of the installation, for every password a person chooses or is given:
 * ADMIN_PASSWORD, a member's or a tenant owner's first password, a password change, and the
 * one-time passwords the admin command makes. Length is what resists guessing; no composition
 * rules (NIST SP 800-63B). The upper bound only keeps argon2 away from megabyte inputs.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const passwordRule = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
