// Builds the widget into dist/widget/: the chat chunk first (content-hashed), then the
// loader with the chunk's file name put in. Run from the repository root:
//   npx rollup -c widget/rollup.config.mjs
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chunkSize, kb, preactPlugins } from '../scripts/rollup-preact.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/widget`;
/**
 * Gzip budgets that fail the build (and so `npm test`): what every page downloads before the
 * bubble is touched, and everything the open chat needs (Preact, socket, markdown, UI, styles).
 */
const BUDGETS = [
  { name: 'loader (widget.js)', test: (file) => file === 'widget.js', gzip: 3 * 1024 },
  { name: 'open chat (chat-*.js)', test: (file) => file.startsWith('chat-'), gzip: 20 * 1024 },
];

/** Shared by the two builds: the chat's file name and the sizes to print at the end. */
const built = { chat: '', sizes: [] };

const recordSizes = () => ({
  name: 'record-sizes',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'chunk') continue;
      built.sizes.push(chunkSize(file));
    }
  },
});

const chat = {
  input: `${root}widget/src/chat/index.tsx`,
  output: { dir: outDir, format: 'iife', entryFileNames: 'chat-[hash].js', sourcemap: true },
  plugins: [
    ...preactPlugins(),
    recordSizes(),
    {
      name: 'chat-manifest',
      generateBundle(_options, bundle) {
        built.chat = Object.values(bundle).find((f) => f.type === 'chunk' && f.isEntry).fileName;
      },
      writeBundle() {
        // Older chunks would pile up: only the one the new loader names is kept.
        for (const name of readdirSync(outDir)) {
          if (/^chat-.*\.js(\.map)?$/.test(name) && !name.startsWith(built.chat)) rmSync(`${outDir}/${name}`);
        }
        writeFileSync(`${outDir}/manifest.json`, `${JSON.stringify({ chat: built.chat, loader: 'widget.js' }, null, 2)}\n`);
      },
    },
  ],
};

const loader = {
  input: `${root}widget/src/loader/index.ts`,
  output: { file: `${outDir}/widget.js`, format: 'iife', sourcemap: true },
  plugins: [
    {
      name: 'chat-file-name',
      transform(code) {
        if (!code.includes('__CUSTOMCHAT_CHAT_FILE__')) return null;
        if (!built.chat) this.error('the chat chunk must be built before the loader');
        return { code: code.replaceAll('__CUSTOMCHAT_CHAT_FILE__', JSON.stringify(built.chat)), map: null };
      },
    },
    ...preactPlugins(),
    recordSizes(),
    {
      name: 'print-sizes',
      closeBundle() {
        console.log('\nwidget sizes (minified / gzip, budget):');
        const over = [];
        for (const budget of BUDGETS) {
          const gzip = built.sizes.filter((s) => budget.test(s.file)).reduce((sum, s) => sum + s.gzip, 0);
          const bytes = built.sizes.filter((s) => budget.test(s.file)).reduce((sum, s) => sum + s.bytes, 0);
          console.log(`  ${budget.name.padEnd(24)} ${kb(bytes)} / ${kb(gzip)}  (budget ${kb(budget.gzip).trim()})`);
          if (gzip > budget.gzip) over.push(`${budget.name} is ${kb(gzip).trim()} gzip, over its ${kb(budget.gzip).trim()} budget`);
        }
        if (over.length) throw new Error(`widget size budget exceeded: ${over.join('; ')}`);
      },
    },
  ],
};

export default [chat, loader];
