import { passwordSchema } from '../auth/auth.dto';
import { envSchema } from '../config/config.schema';
import { createMemberSchema } from '../members/members.dto';
import { createTenantSchema } from '../tenants/tenants.dto';
import { PASSWORD_MIN_LENGTH } from './password-rule';
import { generatePassword } from './passwords';

const short = 'x'.repeat(PASSWORD_MIN_LENGTH - 1);
const enough = 'x'.repeat(PASSWORD_MIN_LENGTH);

/** Every place a password is chosen or given applies the same rule (issue 12, item 8). */
describe('the one password rule', () => {
  const places: Array<[string, (password: string) => { success: boolean }]> = [
    ['ADMIN_PASSWORD', (p) => envSchema.safeParse({ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: p })],
    ['a member’s first password', (p) => createMemberSchema.safeParse({ email: 'a@b.co', role: 'agent', password: p })],
    ['a tenant owner’s first password', (p) => createTenantSchema.safeParse({ name: 'T', owner: { email: 'a@b.co', password: p } })],
    ['a password change', (p) => passwordSchema.safeParse({ current: 'old', next: p })],
  ];

  it.each(places)('%s: refuses one character short of the minimum, takes the minimum', (_, parse) => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(parse(short).success).toBe(false);
    expect(parse(enough).success).toBe(true);
  });

  it('makes one-time passwords that pass it, different each time', () => {
    const a = generatePassword();
    expect(a.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    expect(a).toMatch(/^[\w-]+$/);
    expect(generatePassword()).not.toBe(a);
  });
});
