import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { verifyPassword } from '../backend/src/users/passwords';
import { freePort } from './browser/support';
import { createTestDatabase, TestDatabase } from './support/database';
import { login, ProductProcess, runAdmin, spawnProduct } from './support/product-process';
import { startTestApp } from './support/test-app';

const ADMIN = { email: 'owner@cli.example', password: 'operator-chosen-1' };
const NEW_PASSWORD = /New one-time password for owner@cli\.example: (\S+)\n/;

/** `npm run admin -- reset-password` on the server's own embedded database (issue 12, item 3). */
describe('npm run admin -- reset-password, embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-admin-cli-'));
  const env = { DATA_DIR: dataDir, APP_SECRET: 'admin-cli-secret-'.padEnd(40, 'x'), LOG_FORMAT: 'json', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  let product: ProductProcess | undefined;
  let port: number;
  let oldCookie = '';
  let oneTime = '';

  beforeAll(async () => {
    port = await freePort();
  });

  afterAll(async () => {
    await product?.stop();
  });

  it('while the server runs: refused with a message saying to stop it', async () => {
    product = await spawnProduct(port, env);
    oldCookie = (await login(product.url, ADMIN.email, ADMIN.password)).cookie;
    const run = await runAdmin(['reset-password', ADMIN.email], { DATA_DIR: dataDir });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/embedded database .* is in use by the running server/);
    expect(run.stderr).toMatch(/Stop the server/);
    expect(run.stdout).toBe('');
  });

  it('with the server stopped: prints a one-time password and signs the account’s sessions out', async () => {
    await product!.stop();
    const run = await runAdmin(['reset-password', 'Owner@CLI.example'], { DATA_DIR: dataDir });
    expect(run).toMatchObject({ code: 0 });
    oneTime = run.stdout.match(NEW_PASSWORD)![1];
    expect(oneTime.length).toBeGreaterThanOrEqual(10);
    expect(run.stdout).toContain('Sessions signed out: 1.');
  });

  it('at the next start the old password and session are gone, and the new one must be changed first', async () => {
    product = await spawnProduct(port, env);
    expect((await fetch(product.url + '/api/auth/me', { headers: { cookie: oldCookie } })).status).toBe(401);
    expect((await login(product.url, ADMIN.email, ADMIN.password)).status).toBe(401);
    const signedIn = await login(product.url, ADMIN.email, oneTime);
    expect(signedIn).toMatchObject({ status: 200, user: { mustChangePassword: true } });
    expect((await fetch(product.url + '/api/bots', { headers: { cookie: signedIn.cookie } })).status).toBe(403);
  });
});

describe('npm run admin, DATABASE_URL', () => {
  let database: TestDatabase;
  const env = () => ({ DATABASE_URL: database.url, ...database.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-admin-cli-')) });

  async function user(email: string): Promise<{ password_hash: string; must_change_password: boolean }> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query('SELECT password_hash, must_change_password FROM users WHERE email = $1', [email])).rows[0];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // Seeded as a first start does, then closed: the command runs next to no server.
    const app = await startTestApp({ database, demo: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    await app.close();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('help: the usage, on stdout', async () => {
    const run = await runAdmin(['help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: npm run admin -- <command>[\s\S]*reset-password EMAIL/);
  });

  it('an unknown email: refused, naming the installation’s admins', async () => {
    const run = await runAdmin(['reset-password', 'nobody@cli.example'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No account has the email nobody@cli.example. The installation's admins: ${ADMIN.email}.`);
  });

  it('resets the password in that database, to be changed at next sign-in', async () => {
    const run = await runAdmin(['reset-password', ADMIN.email], env());
    expect(run.code).toBe(0);
    const row = await user(ADMIN.email);
    expect(row.must_change_password).toBe(true);
    await expect(verifyPassword(row.password_hash, run.stdout.match(NEW_PASSWORD)![1])).resolves.toBe(true);
    await expect(verifyPassword(row.password_hash, ADMIN.password)).resolves.toBe(false);
  });
});
