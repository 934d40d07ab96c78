import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './browser/support';
import { createTestDatabase, TestDatabase } from './support/database';
import { login, ProductProcess, spawnProduct } from './support/product-process';
import { connectVisitor, refusal } from './support/visitor';

const BANNER = /={72}\n([\s\S]*?)\n={72}\n/;

/** The built product's first start and the starts after it, against one database (issue 12, items 3, 6 and 8). */
describe('first start, and the starts after it', () => {
  let database: TestDatabase;
  let product: ProductProcess | undefined;
  let firstPort: number;
  let password = '';
  let cookie = '';

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    ...database.env,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-first-run-')),
    APP_SECRET: 'first-run-secret-'.padEnd(40, 'x'),
    ...extra,
  });
  const api = (path: string, init: RequestInit = {}) =>
    fetch(product!.url + path, { ...init, headers: { cookie, 'content-type': 'application/json', ...init.headers } });
  const demoKey = async (url: string) => (await (await fetch(url + '/')).text()).match(/data-bot="(pk_[0-9a-f]+)"/)![1];

  beforeAll(async () => {
    database = await createTestDatabase();
    firstPort = await freePort();
  });

  afterAll(async () => {
    await product?.stop();
    await database?.drop();
  });

  it('prints a plain banner on stderr once listening, JSON logs or not, with a password to change at first sign-in', async () => {
    product = await spawnProduct(firstPort, env({ LOG_FORMAT: 'json' }));
    const [, banner] = await product.stderr.until(BANNER);
    const url = `http://localhost:${firstPort}`;
    expect(banner).toContain(`Demo page:   ${url}/\n`);
    expect(banner).toContain(`Console:     ${url}/console\n`);
    expect(banner).toContain('Sign in as:  admin@example.com\n');
    password = banner.match(/Password: +(\S+) +\(one-time/)![1];
    expect(password.length).toBeGreaterThanOrEqual(10);
    for (const line of banner.split('\n')) expect(line.trim().startsWith('{')).toBe(false);
    expect(product.stdout.toString()).not.toContain(password); // not in the collected log
    expect((await fetch(`${url}/console`)).status).toBe(200);

    const first = await login(product.url, 'admin@example.com', password);
    expect(first).toMatchObject({ status: 200, user: { isAdmin: true, mustChangePassword: true } });
    cookie = first.cookie;
    expect((await api('/api/bots')).status).toBe(403);
    // One rule: nine characters are refused here as everywhere.
    expect((await api('/api/auth/password', { method: 'POST', body: JSON.stringify({ current: password, next: 'nine-char' }) })).status).toBe(400);
    expect((await api('/api/auth/password', { method: 'POST', body: JSON.stringify({ current: password, next: 'chosen-by-me-1' }) })).status).toBe(204);
    expect((await api('/api/bots')).status).toBe(200);
  });

  it('on another port: no banner, the demo page’s widget is allowed there, and ADMIN_PASSWORD does not overwrite a chosen password (it warns)', async () => {
    await product!.stop();
    const port = await freePort();
    product = await spawnProduct(port, env({ LOG_FORMAT: 'json', ADMIN_EMAIL: 'Admin@Example.com', ADMIN_PASSWORD: 'typed-by-the-operator' }));
    const key = await demoKey(product.url);
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://localhost:${firstPort}`]) {
      const { socket, session } = await connectVisitor(product.url, { bot: key, origin });
      expect(session.bot.name).toBe('养生顾问');
      socket.disconnect();
    }
    expect(await refusal(product.url, { bot: key, origin: 'https://elsewhere.example' })).toBe('origin_not_allowed');

    const warning = await product.stdout.until(/ADMIN_PASSWORD ignored[^\n]*/);
    expect(warning[0]).toContain('npm run admin -- reset-password admin@example.com');
    expect((await login(product.url, 'admin@example.com', 'typed-by-the-operator')).status).toBe(401);
    const signedIn = await login(product.url, 'admin@example.com', 'chosen-by-me-1');
    expect(signedIn.status).toBe(200);
    cookie = signedIn.cookie;
    const created = await api('/api/bots', { method: 'POST', body: JSON.stringify({ name: 'Shop', allowedOrigins: ['https://shop.example'] }) });
    expect(created.status).toBe(201);
    expect(product.stderr.toString()).not.toMatch(BANNER);
  });

  it('ADMIN_EMAIL naming nobody makes a new installation admin with ADMIN_PASSWORD; owners’ bots keep their origins', async () => {
    await product!.stop();
    product = await spawnProduct(await freePort(), env({ LOG_FORMAT: 'text', ADMIN_EMAIL: 'ops@clinic.example', ADMIN_PASSWORD: 'ops-password-1' }));
    await product.stdout.until(/no account ops@clinic\.example existed; made it an installation admin/);
    const ops = await login(product.url, 'ops@clinic.example', 'ops-password-1');
    expect(ops).toMatchObject({ status: 200, user: { isAdmin: true, mustChangePassword: false } });
    cookie = ops.cookie;
    expect((await api('/api/tenants')).status).toBe(200);
    const { bots } = (await (await api('/api/bots')).json()) as { bots: Array<{ name: string; allowedOrigins: string[] }> };
    expect(bots.find((b) => b.name === 'Shop')!.allowedOrigins).toEqual(['https://shop.example']);
    expect(bots.find((b) => b.name === '养生顾问')!.allowedOrigins).toHaveLength(6); // three starts, two spellings each
  });
});

describe('first start with ADMIN_EMAIL, ADMIN_PASSWORD and PUBLIC_URL', () => {
  let database: TestDatabase;
  let product: ProductProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await product?.stop();
    await database?.drop();
  });

  it('names PUBLIC_URL and the operator’s password without printing it, and keeps that password (no change required)', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    product = await spawnProduct(port, {
      DATABASE_URL: database.url,
      ...database.env,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-first-run-')),
      APP_SECRET: 'first-run-secret-'.padEnd(40, 'x'),
      LOG_FORMAT: 'text',
      PUBLIC_URL: publicUrl,
      ADMIN_EMAIL: 'owner@clinic.example',
      ADMIN_PASSWORD: 'operator-chosen-1',
    });
    const [, banner] = await product.stderr.until(BANNER);
    expect(banner).toContain(`Demo page:   ${publicUrl}/\n`);
    expect(banner).toContain(`Console:     ${publicUrl}/console\n`);
    expect(banner).toContain('Sign in as:  owner@clinic.example\n');
    expect(banner).toContain('Password:    the password you set in ADMIN_PASSWORD');
    expect(product.stderr.toString() + product.stdout.toString()).not.toContain('operator-chosen-1');
    expect(await login(publicUrl, 'owner@clinic.example', 'operator-chosen-1')).toMatchObject({ status: 200, user: { mustChangePassword: false } });
  });
});

describe('start-up refuses an ADMIN_PASSWORD shorter than the one rule', () => {
  it('names the variable and the rule', async () => {
    await expect(spawnProduct(await freePort(), { ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'nine-char', DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-first-run-')) })).rejects.toThrow(
      /ADMIN_PASSWORD: must be at least 10 characters/,
    );
  });
});
