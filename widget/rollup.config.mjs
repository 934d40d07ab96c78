// Builds the widget into dist/widget/: the chat first (ES modules, content-hashed, split at each
// `import()`), then the loader with the chat entry's file name put in. Run from the repository root:
//   npx rollup -c widget/rollup.config.mjs
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chunkSize, kb, preactPlugins } from '../scripts/rollup-preact.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/widget`;
/**
 * Gzip budgets that fail the build (and so `npm test`): what every page downloads before the
 * bubble is touched; what opening the chat downloads (its entry chunk and every chunk that imports
 * statically: Preact, socket, UI, styles); the lazy chunks it `import()`s later, summed (the reply
 * renderer, fetched as the chat mounts, before any reply can show; forms a visitor may never see).
 */
const BUDGETS = [
  { name: 'loader (widget.js)', set: 'loader', gzip: 3 * 1024 },
  { name: 'open chat (entry+static)', set: 'open', gzip: 20 * 1024 },
  { name: 'lazy chat chunks', set: 'lazy', gzip: 12 * 1024 },
];

/** Shared by the two builds: the chat's chunks (entry, open set, lazy) and the sizes to print at the end. */
const built = { chat: '', files: [], open: [], lazy: [], sizes: [] };

/** The entry and what it imports statically, transitively: what opening the chat downloads. */
function openSet(bundle, entry) {
  const open = new Set();
  const visit = (name) => {
    if (open.has(name)) return;
    open.add(name);
    for (const imported of bundle[name].imports) visit(imported);
  };
  visit(entry);
  return open;
}

const chat = {
  input: `${root}widget/src/chat/index.tsx`,
  // Every chunk is `chat-…`: the backend serves them under /widget/ with CORS and a year's cache.
  // The entry chunk may export more than `mount` (to its lazy chunks): no extra facade file to fetch.
  preserveEntrySignatures: 'allow-extension',
  output: { dir: outDir, format: 'es', entryFileNames: 'chat-[hash].js', chunkFileNames: 'chat-[name]-[hash].js', sourcemap: true },
  plugins: [
    ...preactPlugins({ module: true }),
    {
      name: 'chat-manifest',
      generateBundle(_options, bundle) {
        const chunks = Object.values(bundle).filter((f) => f.type === 'chunk');
        built.chat = chunks.find((f) => f.isEntry).fileName;
        const open = openSet(bundle, built.chat);
        built.files = chunks.map((f) => f.fileName);
        built.open = [...open];
        built.lazy = built.files.filter((f) => !open.has(f));
        for (const file of chunks) built.sizes.push({ ...chunkSize(file), set: open.has(file.fileName) ? 'open' : 'lazy' });
      },
      writeBundle() {
        // Older chunks would pile up: only this build's are kept.
        for (const name of readdirSync(outDir)) {
          if (/^chat-.*\.js(\.map)?$/.test(name) && !built.files.includes(name.replace(/\.map$/, ''))) rmSync(`${outDir}/${name}`);
        }
        const manifest = { chat: built.chat, open: built.open, lazy: built.lazy, loader: 'widget.js' };
        writeFileSync(`${outDir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
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
    {
      name: 'loader-size',
      generateBundle(_options, bundle) {
        built.sizes.push({ ...chunkSize(bundle['widget.js']), set: 'loader' });
      },
    },
    {
      name: 'print-sizes',
      closeBundle() {
        console.log('\nwidget sizes (minified / gzip, budget):');
        const over = [];
        for (const budget of BUDGETS) {
          const files = built.sizes.filter((s) => s.set === budget.set);
          const gzip = files.reduce((sum, s) => sum + s.gzip, 0);
          const bytes = files.reduce((sum, s) => sum + s.bytes, 0);
          console.log(`  ${budget.name.padEnd(26)} ${kb(bytes)} / ${kb(gzip)}  (budget ${kb(budget.gzip).trim()})`);
          if (budget.set === 'lazy') for (const s of files) console.log(`    ${s.file.padEnd(34)} ${kb(s.bytes)} / ${kb(s.gzip)}`);
          if (gzip > budget.gzip) over.push(`${budget.name} is ${kb(gzip).trim()} gzip, over its ${kb(budget.gzip).trim()} budget`);
        }
        if (over.length) throw new Error(`widget size budget exceeded: ${over.join('; ')}`);
      },
    },
  ],
};

export default [chat, loader];
