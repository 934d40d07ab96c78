import { firstStartBanner, printFirstStartBanner } from './first-start-banner';
import { ownOrigins, ownUrl } from './own-origins';

describe('first-start banner', () => {
  it('says where the demo page and the console are, who signs in, and the one-time password', () => {
    const text = firstStartBanner({ email: 'admin@example.com', generatedPassword: 'Zx9-abcdEFGH_123' }, 'http://localhost:8080');
    expect(text).toContain('Demo page:   http://localhost:8080/\n');
    expect(text).toContain('Console:     http://localhost:8080/console\n');
    expect(text).toContain('Sign in as:  admin@example.com\n');
    expect(text).toMatch(/Password: {4}Zx9-abcdEFGH_123 .*first sign-in/);
    expect(text).toContain('npm run admin -- reset-password admin@example.com');
    expect(text.split('\n').length).toBeLessThan(14);
    expect(() => JSON.parse(text.trim().split('\n')[1])).toThrow(); // plain text, not a log object
  });

  it('never prints a password the operator set', () => {
    const text = firstStartBanner({ email: 'me@site.example' }, 'https://chat.site.example');
    expect(text).toContain('Password:    the password you set in ADMIN_PASSWORD');
  });

  it('says so when the server did not start', () => {
    expect(firstStartBanner({ email: 'a@b.co', generatedPassword: 'p'.repeat(16) }, 'http://localhost:3000', false)).toMatch(/did not start/);
  });

  it('goes to the writer it is given (stderr by default)', () => {
    const written: string[] = [];
    printFirstStartBanner({ email: 'a@b.co' }, 'http://localhost:3000', true, (t) => written.push(t));
    expect(written.join('')).toContain('a@b.co');
  });
});

describe('own origins', () => {
  it('are PUBLIC_URL’s origin when set, else both loopback spellings of PORT', () => {
    expect(ownOrigins({ publicUrl: 'https://chat.example.com/base', port: 3000 })).toEqual(['https://chat.example.com']);
    expect(ownOrigins({ port: 8080 })).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080']);
    expect(ownOrigins({ port: 0 })).toEqual([]);
    expect(ownUrl({ publicUrl: 'https://chat.example.com' }, 3000)).toBe('https://chat.example.com');
    expect(ownUrl({}, 41234)).toBe('http://localhost:41234');
  });
});
