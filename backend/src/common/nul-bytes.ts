/**
 * PostgreSQL text cannot hold U+0000: a string carrying one fails at the database as a server
 * error. Input is checked for it up front instead, so the answer names the field.
 * Returns the path of the first string holding a NUL, or undefined.
 */
export function findNulByte(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || 'body' : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = key.includes('\u0000') ? [...path, key].join('.') : findNulByte(inner, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
