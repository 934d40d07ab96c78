import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests need Chromium: in CI its absence fails the run; elsewhere they skip, loudly. */
export function describeWithChromium(name: string, fn: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, fn);
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: CI must install it (apt-get install -y chromium)`);
  console.warn(`\n[browser] SKIPPED "${name}": no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`);
  describe.skip(name, fn);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
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

export interface RunningServer {
  url: string;
  /** The product's process id (e.g. to read its CPU time from /proc). */
  pid: number;
  /** Sends SIGTERM; resolves with the exit code, or the signal that ended it. */
  stop(): Promise<number | string | null>;
  /** Sends `signal` (e.g. SIGKILL: a crash); resolves with the exit code or signal. */
  kill(signal: NodeJS.Signals): Promise<number | string | null>;
  output(): string;
}

/**
 * The product as `npm start` runs it: the built backend in its own process, with nothing but
 * `env` set — so no DATABASE_URL (embedded PGlite) and no Azure settings (demo mode).
 */
export async function startProduct(port: number, env: Record<string, string>): Promise<RunningServer> {
  const main = join(__dirname, '..', '..', 'dist', 'backend', 'src', 'main.js');
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://localhost:${port}`;
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(url + '/health')).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`the product did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const kill = (signal: NodeJS.Signals) =>
    new Promise<number | string | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode);
      child.once('exit', (code, sig) => resolve(code ?? sig));
      child.kill(signal);
    });
  return {
    url,
    pid: child.pid!,
    output: () => log,
    // Nest re-raises the signal after its shutdown hooks, so a clean stop ends by SIGTERM.
    stop: () => kill('SIGTERM'),
    kill,
  };
}
