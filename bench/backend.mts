/** The system under test: its database, its processes, and the owner's REST calls the bench makes. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TS_NODE_FLAGS } from './args.mts';

export const ROOT = new URL('..', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist', 'backend', 'src', 'main.js');
export const ADMIN = { email: 'bench@example.com', password: 'bench-password-' + randomBytes(6).toString('hex') };

export interface Database {
  /** Environment for the backend. */
  env: Record<string, string>;
  describe: string;
  /** The server processes serving this database (PostgreSQL's one per connection), for CPU figures. */
  serverPids(): Promise<number[]>;
  drop(): Promise<void>;
}

/** A scratch database on the PostgreSQL server (dropped after), or nothing for PGlite (it lives in DATA_DIR). */
export async function prepareDatabase(kind: 'pglite' | 'postgres', serverUrl: string): Promise<Database> {
  // PGlite runs inside the backend's process: its CPU is the backend's.
  if (kind === 'pglite') return { env: {}, describe: 'PGlite (embedded, WASM) in a temporary DATA_DIR', serverPids: async () => [], drop: async () => {} };
  const name = `customchat_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`--db postgres: cannot reach ${serverUrl} (${(error as Error).message})`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  const version = await serverVersion(url.toString());
  return {
    env: { DATABASE_URL: url.toString() },
    describe: `PostgreSQL ${version} at ${url.host}, scratch database ${name}`,
    async serverPids() {
      // Only meaningful when the server runs on this machine (the bench reads /proc).
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return [];
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      const { rows } = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
      await c.end();
      return rows.map((r) => r.pid);
    },
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ server_version: string }>('SHOW server_version');
  await c.end();
  return rows[0].server_version;
}

/** Whether the build carries the socket.io Redis adapter (needed for more than one instance). */
export function redisAdapterBuilt(): boolean {
  // Our own cluster adapter (its stream key names it), or in an older build the package it replaced.
  const marker = /socket\.io-cluster|@socket\.io\/redis(-streams)?-adapter/;
  const walk = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') && marker.test(readFileSync(join(dir, e.name), 'utf8'))));
  return existsSync(join(ROOT, 'dist', 'backend', 'src')) && walk(join(ROOT, 'dist', 'backend', 'src'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Backend {
  url: string;
  pid: number;
  dataDir: string;
  /** The last lines it logged. */
  output(): string;
  /** Its warnings and errors (JSON log lines), counted by level, context, message and error. */
  problems(): Record<string, number>;
  /** Tells the profiler preload (bench/profiler.mts) to start, or to stop and write its file. */
  profile(command: 'start' | 'stop'): void;
  stop(): Promise<void>;
}

/** The built backend in its own process, as `npm start` runs it; resolves when /health answers. */
export async function startBackend(env: Record<string, string>, profileDir?: string, main = MAIN): Promise<Backend> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const args = profileDir ? ['--import', new URL('./profiler.mts', import.meta.url).pathname, main] : [main];
  const child: ChildProcess = spawn(process.execPath, [...(profileDir ? TS_NODE_FLAGS : []), ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      DATA_DIR: dataDir,
      ...(profileDir ? { BENCH_PROFILE_DIR: profileDir } : {}),
      ...env,
    },
    stdio: profileDir ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const problems: Record<string, number> = {};
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter(Boolean)) {
      lines.push(line);
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: string; context?: string; message?: string; error?: string };
        if (entry.level !== 'warn' && entry.level !== 'error') continue;
        const key = `${entry.level} [${entry.context ?? ''}] ${entry.message ?? ''}${entry.error ? `: ${String(entry.error).split('\n')[0].slice(0, 160)}` : ''}`;
        problems[key] = (problems[key] ?? 0) + 1;
      } catch {
        /* not a JSON line */
      }
    }
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the backend exited with ${child.exitCode}:\n${lines.join('\n')}`);
    try {
      if ((await fetch(url + '/health')).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`the backend did not become healthy:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    dataDir,
    output: () => lines.join('\n'),
    problems: () => ({ ...problems }),
    profile: (command) => void child.send?.(`profile:${command}`),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The owner's side, over the REST API (PROTOCOL §4). */
export class Console {
  private cookie = '';
  private readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async login(): Promise<void> {
    const res = await fetch(this.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.url + path, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The seeded bot, allowed on `origin`, with no per-bot limit in the way. */
  async benchBot(origin: string): Promise<{ id: string; publicKey: string }> {
    const bots = await this.call<Array<{ id: string; publicKey: string }> | { bots: Array<{ id: string; publicKey: string }> }>('GET', '/api/bots');
    const list = Array.isArray(bots) ? bots : bots.bots;
    if (!list.length) throw new Error('no seeded bot');
    const bot = list[0];
    await this.call('PATCH', `/api/bots/${bot.id}`, {
      allowedOrigins: [origin],
      settings: {
        visitorMessagesPerMinute: 0,
        botMessagesPerMinute: 0,
        conversationTokenBudget: 0,
        dailyTokenBudget: 0,
        monthlyTokenBudget: 0,
        maxTokens: 16_000,
      },
    });
    return bot;
  }

  /** Indexes each Markdown file of `dir` as a text source of the bot, and waits until all are ready. */
  async seedKnowledge(botId: string, dir: string): Promise<number> {
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const title = /^#\s+(.+)$/m.exec(text)?.[1] ?? file;
      await this.call('POST', `/api/bots/${botId}/knowledge`, { title, text });
    }
    const until = Date.now() + 300_000;
    for (;;) {
      const { sources } = await this.call<{ sources: Array<{ status: string; title: string; error?: string }> }>('GET', `/api/bots/${botId}/knowledge`);
      const failed = sources.find((s) => s.status === 'failed');
      if (failed) throw new Error(`knowledge source ${failed.title} failed: ${failed.error}`);
      if (sources.length >= files.length && sources.every((s) => s.status === 'ready')) return files.length;
      if (Date.now() > until) throw new Error('knowledge sources not ready within 5 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Every message of one conversation, as the staff see it. */
  async transcript(conversationId: string): Promise<Array<{ id: string; role: string; status: string; text: string }>> {
    const { messages } = await this.call<{ messages: Array<{ id: string; role: string; status: string; text: string }> }>('GET', `/api/conversations/${conversationId}`);
    return messages;
  }
}

/** A few numbers of `/metrics`. */
export async function scrapeMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(url + '/metrics')).text();
  const wanted = /^(process_cpu_seconds_total|process_resident_memory_bytes|nodejs_eventloop_lag_(?:p50|p99|max)_seconds|nodejs_heap_size_used_bytes|customchat_visitors_connected|customchat_replies_in_flight|customchat_reply_deltas_total) (\S+)$/gm;
  const out: Record<string, number> = {};
  for (const [, name, value] of text.matchAll(wanted)) out[name] = Number(value);
  out.customchat_replies_total = 0;
  for (const [, value] of text.matchAll(/^customchat_replies_total\{[^}]*\} (\S+)$/gm)) out.customchat_replies_total += Number(value);
  return out;
}
