import { randomBytes } from 'node:crypto';

/** A bot's public key for the embed snippet: unguessable, URL- and attribute-safe. */
export function newPublicKey(): string {
  return 'pk_' + randomBytes(16).toString('hex');
}
