export const MIN_PASSWORD_LENGTH = 10;

export type PasswordProblem = 'current' | 'tooShort' | 'mismatch' | 'same';

/** The first problem with a password change, checked before asking the server. */
export function passwordProblem(current: string, next: string, repeat: string): PasswordProblem | null {
  if (!current) return 'current';
  if (next.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (next !== repeat) return 'mismatch';
  if (next === current) return 'same';
  return null;
}

/** A first password for a new member: 16 characters, no look-alikes (0/O, 1/l/I). */
export function generatePassword(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // 256 % 56 ≠ 0: bytes past the last whole multiple are thrown away, so no letter is likelier.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < 16) {
    for (const byte of random(32)) {
      if (byte < limit && out.length < 16) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}
