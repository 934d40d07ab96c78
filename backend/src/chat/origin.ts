/** Normalises an origin to `scheme://host[:port]` (default ports dropped), or null if it is not one. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Exact origin match against a bot's list; `*` only where the owner put it. */
export function isOriginAllowed(origin: string | undefined, allowed: string[]): boolean {
  if (allowed.includes('*')) return true;
  if (!origin) return false;
  const normalised = normaliseOrigin(origin);
  return normalised !== null && allowed.some((a) => normaliseOrigin(a) === normalised);
}
