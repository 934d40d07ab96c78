// Builds the widget into dist/widget/: the chat chunk first (content-hashed), then the
// loader with the chunk's file name put in. Run from the repository root:
//   npx rollup -c widget/rollup.config.mjs
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chunkSize, kb, preactPlugins } from '../scripts/rollup-preact.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/widget`;
const LOADER_BUDGET_GZIP = 3 * 1024;

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
        console.log('\nwidget sizes (minified / gzip):');
        for (const { file, bytes, gzip } of built.sizes) console.log(`  ${file.padEnd(24)} ${kb(bytes)} / ${kb(gzip)}`);
        const size = built.sizes.find((s) => s.file === 'widget.js');
        if (size && size.gzip > LOADER_BUDGET_GZIP) console.warn(`  widget.js is over its ${kb(LOADER_BUDGET_GZIP)} gzip budget`);
      },
    },
  ],
};

export default [chat, loader];
