import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const ROOT = join(__dirname, '..', '..');

/** Text read so far from a stream, and a wait for a pattern that settles when the process ends. */
export class StreamText {
  private text = '';
  private readonly listeners = new Set<() => void>();

  constructor(stream: Readable, private readonly child: ChildProcess) {
    stream.on('data', (chunk) => {
      this.text += chunk;
      for (const listener of this.listeners) listener();
    });
  }

  toString(): string {
    return this.text;
  }

  until(pattern: RegExp): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.text.match(pattern);
        if (!match) return false;
        this.listeners.delete(check);
        this.child.off('exit', exited);
        resolve(match);
        return true;
      };
      const exited = () => {
        if (!check()) reject(new Error(`exited before printing ${pattern}:\n${this.text}`));
      };
      if (check()) return;
      this.listeners.add(check);
      this.child.once('exit', exited);
    });
  }
}

export interface ProductProcess {
  url: string;
  stdout: StreamText;
  stderr: StreamText;
  /** SIGTERM, then the exit. */
  stop(): Promise<void>;
}

/**
 * The built product (`node dist/backend/src/main.js`, as `npm start` runs it) with stdout and
 * stderr kept apart, so a test can tell what went where. Ready once /health answers.
 */
export async function spawnProduct(port: number, env: Record<string, string>): Promise<ProductProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'backend', 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = new StreamText(child.stdout!, child);
  const stderr = new StreamText(child.stderr!, child);
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  // Another process being ready is not an event this one can await: ask /health until it answers.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited with ${child.exitCode}:\n${stdout}${stderr}`);
    if (await fetch(url + '/health').then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stdout, stderr, stop };
}

/** `npm run admin -- …` without npm's own lines: scripts/admin.mjs with `env` only. */
export function runAdmin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'admin.mjs'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Signs in over HTTP: the session cookie and the user, or the status when refused. */
export async function login(url: string, email: string, password: string): Promise<{ status: number; cookie: string; user?: { isAdmin: boolean; mustChangePassword: boolean } }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { user?: { isAdmin: boolean; mustChangePassword: boolean } };
  return { status: res.status, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), user: body.user };
}
