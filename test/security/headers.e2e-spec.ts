import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { PROJECT_ROOT, WIDGET_DIST } from '../../backend/src/config/paths';
import { LlmEndpoint } from '../../backend/src/llm/llm-endpoint';

const CONSOLE_DIST_DIR = join(PROJECT_ROOT, 'dist', 'console');
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestApp, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123';

describe('security: headers', () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({ database, demo: true, env: { PUBLIC_URL: 'https://chat.example', METRICS_TOKEN, NODE_ENV: 'production' } });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const http = () => request(app.app.getHttpServer());

  it('API answers are never cached nor sniffed', async () => {
    for (const res of [await http().get('/api/auth/me'), await http().post('/api/auth/login').send({})]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('HSTS is sent when PUBLIC_URL is https', async () => {
    expect((await http().get('/health')).headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });

  it('the demo page and the console may not be framed by another site', async () => {
    const demo = await http().get('/').expect(200);
    expect(demo.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(demo.headers['content-security-policy']).toMatch(/script-src 'self' https:\/\/chat\.example/);
    const console = await http().get('/console').expect(200);
    expect(console.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('assets are not sniffed, and source maps are not public in production', async () => {
    const loader = await http().get('/widget.js');
    expect(loader.headers['x-content-type-options']).toBe('nosniff');
    // Maps the build did write (npm test builds first), so a 404 means refused, not missing.
    const consoleMap = readdirSync(join(CONSOLE_DIST_DIR, 'assets')).find((f) => f.endsWith('.js.map'));
    expect(consoleMap).toBeDefined();
    expect(existsSync(join(WIDGET_DIST, 'widget.js.map'))).toBe(true);
    expect((await http().get('/widget/widget.js.map')).status).toBe(404);
    expect((await http().get(`/console/assets/${consoleMap}`)).status).toBe(404);
    // The map's script itself is still served.
    await http().get(`/console/assets/${consoleMap!.replace(/\.map$/, '')}`).expect(200);
  });

  it('/metrics answers only the bearer of METRICS_TOKEN', async () => {
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
    const ok = await http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(ok.text).toMatch(/^# HELP/m);
  });
});

describe('security: the embedded database', () => {
  it('listens on no TCP port: a Unix socket in a folder only this user may enter', async () => {
    const dataDir = join(require('node:os').tmpdir(), `cc-embedded-${process.pid}`);
    const before = listeningPorts();
    // No DATABASE_URL: the app starts PGlite itself, as `npm start` does.
    const app = await startTestApp({ database: { url: '', env: {}, drop: async () => {} }, demo: true, env: { DATA_DIR: dataDir } });
    try {
      // Demo mode's model simulator has a loopback port of its own (it asks for a key); nothing else may.
      const simulator = Number(new URL(app.app.get(LlmEndpoint).url).port);
      const opened = [...listeningPorts()].filter((p) => !before.has(p) && p !== simulator);
      expect(opened).toEqual([Number(new URL(app.url).port)]);
      const runDir = join(dataDir, 'pglite-run');
      expect(statSync(runDir).mode & 0o777).toBe(0o700);
      expect(readdirSync(runDir)).toContain('.s.PGSQL.5432');
      // And the app really uses it.
      expect(await app.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await app.close();
    }
  });
});

/** TCP ports this process listens on, from /proc: its socket inodes matched against the kernel's tables. */
function listeningPorts(): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue; // 0A: LISTEN
      if (inodes.has(cols[9])) ports.add(parseInt(cols[1].split(':')[1], 16));
    }
  }
  return ports;
}
