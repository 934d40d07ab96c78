import { normaliseOrigin } from '../common/origin';

/** Exact origin match against a bot's list; `*` only where the owner put it. */
export function isOriginAllowed(origin: string | undefined, allowed: string[]): boolean {
  if (allowed.includes('*')) return true;
  if (!origin) return false;
  const normalised = normaliseOrigin(origin);
  return normalised !== null && allowed.some((a) => normaliseOrigin(a) === normalised);
}
