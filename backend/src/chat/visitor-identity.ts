import { createHmac, timingSafeEqual } from 'node:crypto';

/** `auth.identity` of a handshake once it passed `parseIdentity`. */
export interface ClaimedIdentity {
  id: string;
  name?: string;
  email?: string;
  /** 64 hex digits, either case; absent when the page sent none. */
  hash?: string;
}

const MAX_ID = 200;
const MAX_NAME = 200;
const MAX_EMAIL = 320;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const HASH = /^[0-9a-f]{64}$/i;

/** A string of 1 to `max` characters (UTF-16 units) without NUL, which PostgreSQL cannot store. */
const text = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max && !value.includes('\0');

/**
 * What the page passed to `CustomChat('identify', …)`, when it is well-formed: `id` 1–200
 * characters; `name` at most 200, `email` at most 320 and email-shaped, `hash` 64 hex digits, each
 * optional (null, undefined or empty counts as absent). Anything else, wholly or in part, is no
 * identity at all: never an error. Unknown keys are ignored; only own properties are read.
 */
export function parseIdentity(raw: unknown): ClaimedIdentity | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const own = (key: string): unknown => {
    if (!Object.hasOwn(raw, key)) return undefined;
    const value = (raw as Record<string, unknown>)[key];
    return value === null || value === '' ? undefined : value;
  };
  const id = own('id');
  const name = own('name');
  const email = own('email');
  const hash = own('hash');
  if (!text(id, MAX_ID)) return null;
  if (name !== undefined && !text(name, MAX_NAME)) return null;
  if (email !== undefined && !(text(email, MAX_EMAIL) && EMAIL.test(email))) return null;
  if (hash !== undefined && !(typeof hash === 'string' && HASH.test(hash))) return null;
  const identity: ClaimedIdentity = { id };
  if (name !== undefined) identity.name = name as string;
  if (email !== undefined) identity.email = email as string;
  if (hash !== undefined) identity.hash = hash as string;
  return identity;
}

/**
 * The hash a site's server computes for a user: hex HMAC-SHA256 of `id` (UTF-8) keyed with the
 * bot's identity secret as the string it is shown as (64 hex characters, UTF-8).
 */
export function identityHash(secret: string, id: string): string {
  return createHmac('sha256', secret).update(id, 'utf8').digest('hex');
}

/**
 * Whether `hash` is `identityHash(secret, id)`. Compared as bytes in constant time, so upper- and
 * lower-case hex both verify; anything but 64 hex digits is false.
 */
export function identityHashMatches(secret: string, id: string, hash: string): boolean {
  if (!HASH.test(hash)) return false;
  const expected = createHmac('sha256', secret).update(id, 'utf8').digest();
  const given = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
