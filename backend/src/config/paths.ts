import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's root folder, found from this file whether it runs compiled (dist/) or from source. */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);
export const WIDGET_DIST = join(PROJECT_ROOT, 'dist', 'widget');
