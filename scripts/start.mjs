// `npm start`: builds whatever is missing, then runs the backend.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Node.js ${process.versions.node} is too old: this product needs Node.js 22.12 or newer (24 LTS recommended).`);
  process.exit(1);
}
if (!existsSync('dist/backend/src/main.js')) execSync('npm run build:backend', { stdio: 'inherit' });
if (!existsSync('dist/widget/widget.js')) execSync('npm run build:widget', { stdio: 'inherit' });
if (!existsSync('dist/console/index.html')) execSync('npm run build:console', { stdio: 'inherit' });
await import('../dist/backend/src/main.js');
