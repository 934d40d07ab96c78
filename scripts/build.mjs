// Builds dist/: the backend (swc), the widget and the console (Rollup), the three at once.
//   node scripts/build.mjs            all three (`npm run build`), their output printed
//   node scripts/build.mjs --stale    only what is missing or older than its sources (`npm start`)
// Each part is the package.json script `build:<name>`; this file only decides what to run,
// runs it in parallel and says what it is doing.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATE = join(ROOT, 'dist', '.build-state.json');

/**
 * What each part is built from and into. `inputs`: files and folders whose newest change
 * (a folder's own mtime changes when a file in it is added, removed or renamed) must be older
 * than the oldest of `outputs`. `lock`: the part bundles dependencies, so it is stale too when
 * package-lock.json differs from the one it was last built with.
 * The widget and the console import only types from backend/src (nothing of it is bundled).
 */
export const PARTS = [
  {
    name: 'backend',
    script: 'build:backend',
    inputs: ['backend/src', 'migrations', '.swcrc'],
    outputs: ['dist/backend/src/main.js'],
    lock: false,
  },
  {
    name: 'widget',
    script: 'build:widget',
    inputs: ['widget/src', 'widget/rollup.config.mjs', 'scripts/rollup-preact.mjs'],
    outputs: ['dist/widget/widget.js', 'dist/widget/manifest.json'],
    lock: true,
  },
  {
    name: 'console',
    script: 'build:console',
    inputs: ['console/src', 'console/rollup.config.mjs', 'scripts/rollup-preact.mjs'],
    outputs: ['dist/console/index.html'],
    lock: true,
  },
];

const SKIP = /\.(spec|e2e-spec|browser-spec)\.tsx?$/; // never built, so never a reason to rebuild

/** The newest mtime under `path` (files and folders), with the file it belongs to. */
function newest(path, best = { ms: 0, path: '' }) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return best;
  }
  if (stat.isDirectory()) {
    if (stat.mtimeMs > best.ms) best = { ms: stat.mtimeMs, path };
    for (const entry of readdirSync(path)) best = newest(join(path, entry), best);
  } else if (!SKIP.test(path) && stat.mtimeMs > best.ms) {
    best = { ms: stat.mtimeMs, path };
  }
  return best;
}

const lockHash = () => {
  try {
    return createHash('sha256').update(readFileSync(join(ROOT, 'package-lock.json'))).digest('hex');
  } catch {
    return '';
  }
};

const readState = () => {
  try {
    return JSON.parse(readFileSync(STATE, 'utf8'));
  } catch {
    return {};
  }
};

/** Why `part` must be built, or null when dist/ is up to date for it. */
export function staleReason(part, state = readState(), lock = lockHash()) {
  let oldest = Infinity;
  for (const output of part.outputs) {
    const file = join(ROOT, output);
    if (!existsSync(file)) return `${output} is missing`;
    oldest = Math.min(oldest, statSync(file).mtimeMs);
  }
  for (const input of part.inputs) {
    const found = newest(join(ROOT, input));
    if (found.ms > oldest) return `${relative(ROOT, found.path)} is newer than ${part.outputs[0]}`;
  }
  if (part.lock && state[part.name]?.lock !== lock) return 'package-lock.json changed since it was built';
  return null;
}

/**
 * Compiled backend files whose source is gone (deleted or renamed upstream) would still be
 * loaded, a migration among them run: remove them.
 */
function pruneBackend() {
  const sourceOf = (rel) => {
    const base = rel.replace(/\.js\.map$|\.js$/, '');
    if (base === rel) return [rel];
    return ['.ts', '.tsx', '.js', '.mts', '.cts'].map((ext) => base + ext);
  };
  const walk = (distDir, srcDir) => {
    if (!existsSync(distDir)) return;
    for (const entry of readdirSync(distDir, { withFileTypes: true })) {
      const dist = join(distDir, entry.name);
      if (entry.isDirectory()) {
        walk(dist, join(srcDir, entry.name));
      } else if (!sourceOf(entry.name).some((name) => existsSync(join(srcDir, name)))) {
        rmSync(dist);
      }
    }
  };
  walk(join(ROOT, 'dist', 'backend', 'src'), join(ROOT, 'backend', 'src'));
  walk(join(ROOT, 'dist', 'migrations'), join(ROOT, 'migrations'));
}

/** `npm run <script>` with its output collected; resolves { ok, output, seconds }. */
function runScript(script) {
  const started = Date.now();
  // Under npm, npm_execpath is npm's own CLI: run it with this Node, no shell needed.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli && /\.[cm]?js$/.test(npmCli)
    ? [process.execPath, [npmCli, 'run', '--silent', script]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script]];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, shell: process.platform === 'win32' && command === 'npm.cmd', stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ ok: code === 0, output, seconds: (Date.now() - started) / 1000 }));
  });
}

/**
 * Builds `parts` in parallel. `verbose`: print each part's own output when it finishes
 * (otherwise only on failure). Resolves true when all were built.
 */
export async function build(parts, { verbose = false, log = (line) => console.error(line) } = {}) {
  if (parts.length === 0) return true;
  const lock = lockHash();
  log(`building ${parts.map((p) => `the ${p.name}`).join(', ')}${parts.length > 1 ? ' (in parallel)' : ''}…`);
  const results = await Promise.all(parts.map(async (part) => {
    const result = await runScript(part.script);
    if (result.ok && part.name === 'backend') pruneBackend();
    if (result.ok) {
      if (verbose && result.output.trim()) log(result.output.trimEnd());
      log(`  built the ${part.name} in ${result.seconds.toFixed(1)} s`);
    } else {
      log(`${result.output.trimEnd()}\n  building the ${part.name} failed (npm run ${part.script})`);
    }
    return { part, ok: result.ok };
  }));
  const state = readState();
  for (const { part, ok } of results) {
    if (part.lock) state[part.name] = ok ? { lock } : {};
  }
  if (existsSync(dirname(STATE))) writeFileSync(STATE, `${JSON.stringify(state, null, 2)}\n`);
  return results.every((r) => r.ok);
}

/** Builds what is missing or older than its sources, saying why. Resolves true when dist/ is usable. */
export async function buildStale({ log = (line) => console.error(line) } = {}) {
  const state = readState();
  const lock = lockHash();
  const stale = [];
  for (const part of PARTS) {
    const reason = staleReason(part, state, lock);
    if (reason) {
      stale.push(part);
      log(`the ${part.name} needs building: ${reason}`);
    }
  }
  if (stale.length === 0) log('dist/ is up to date with the sources');
  return build(stale, { log });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ok = process.argv.includes('--stale') ? await buildStale() : await build(PARTS, { verbose: true });
  process.exit(ok ? 0 : 1);
}
