import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordRule } from './password-rule';

/** argon2id with the library's defaults (OWASP-recommended memory and time costs). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A one-time password (the first start's, the admin command's): 96 random bits as 16 URL-safe
 * characters, easy to copy from a terminal. Checked against the rule so the two cannot drift.
 */
export function generatePassword(): string {
  return passwordRule.parse(randomBytes(12).toString('base64url'));
}
