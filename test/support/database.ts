import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

/**
 * The migrated template of this run. Global setup names it once per run (and the tests, which run
 * in band, read the same variable), so two runs against one server never drop each other's.
 */
export function templateDb(): string {
  process.env.CUSTOMCHAT_TEST_TEMPLATE ??= `customchat_test_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  return process.env.CUSTOMCHAT_TEST_TEMPLATE;
}

export interface TestDatabase {
  url: string;
  /** Environment the app needs for this database (PGlite serves one session at a time). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own. With DATABASE_URL (CI): a clone of the migrated template
 * made by global-setup. Without: a fresh in-memory PGlite in a child process.
 */
export async function createTestDatabase(opts: { engine?: 'pglite' } = {}): Promise<TestDatabase> {
  const server = process.env.DATABASE_URL;
  return server && opts.engine !== 'pglite' ? clonePostgres(server) : startPglite();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function clonePostgres(server: string): Promise<TestDatabase> {
  const name = `customchat_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
  return {
    url: withDatabase(server, name),
    env: {},
    drop: () => adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function startPglite(): Promise<TestDatabase> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'pglite-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`PGlite test server exited with ${code}`)));
  });
  return {
    url,
    env: { DATABASE_POOL_SIZE: '1' },
    drop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * For a product started as its own process (browser tests): with DATABASE_URL (CI), an empty
 * database of its own on that server, which the product migrates and seeds; without, nothing
 * (it runs on its embedded PGlite). `drop` removes what was made.
 */
export async function productDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) return { env: {}, drop: async () => undefined };
  const name = `customchat_browser_${randomBytes(5).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE ${name}`);
  return { env: { DATABASE_URL: withDatabase(server, name) }, drop: () => adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
