import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The demo bot's knowledge base: the original pages in `knowledge/` (sleep, diet, exercise, in
 * Chinese and English), each titled by its first heading. Copied beside the build by swc.
 */
export function demoKnowledge(dir = join(__dirname, 'knowledge')): { title: string; text: string }[] {
  return readdirSync(dir)
    .filter((name) => /\.(zh|en)\.md$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const title = /^#\s+(.+)$/m.exec(text)?.[1].trim() ?? name;
      return { title, text };
    });
}
