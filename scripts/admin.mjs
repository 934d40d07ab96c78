// `npm run admin -- <command>`: the operator's commands (backend/src/cli/admin-cli.ts).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/backend/src/cli/admin.js', import.meta.url));
// Build output goes to stderr: stdout carries what the command prints (a password).
if (!existsSync(cli)) execSync('npm run build:backend', { cwd: root, stdio: ['ignore', 2, 2] });
await import(pathToFileURL(cli).href);
