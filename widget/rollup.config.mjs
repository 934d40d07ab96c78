// Builds the widget into dist/widget/: the chat chunk first (content-hashed), then the
// loader with the chunk's file name put in. Run from the repository root:
//   npx rollup -c widget/rollup.config.mjs
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import swc from '@rollup/plugin-swc';
import terser from '@rollup/plugin-terser';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/widget`;
const LOADER_BUDGET_GZIP = 3 * 1024;

/** Shared by the two builds: the chat's file name and the sizes to print at the end. */
const built = { chat: '', sizes: [] };

/** Whitespace out of the CSS template literals in `*styles.ts` (they hold no `${}`). */
const minifyCss = () => ({
  name: 'minify-css',
  transform(code, id) {
    if (!/styles\.ts$/.test(id)) return null;
    const css = (text) => text.replace(/\/\*[^]*?\*\//g, '').replace(/\s+/g, ' ')
      .replace(/\s*([{};,])\s*/g, '$1').replace(/([{;])([-\w]+): /g, '$1$2:').replace(/;}/g, '}').trim();
    return { code: code.replace(/`([^`$]*)`/g, (_m, text) => `\`${css(text)}\``), map: null };
  },
});

const plugins = () => [
  minifyCss(),
  resolve({ browser: true, extensions: ['.ts', '.tsx', '.mjs', '.js'] }),
  swc({
    include: /\.tsx?$/,
    swc: {
      swcrc: false, // the root .swcrc is the backend's (CommonJS)
      jsc: {
        target: 'es2020',
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic', importSource: 'preact' } },
      },
    },
  }),
  terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false, ascii_only: true } }),
];

const recordSizes = () => ({
  name: 'record-sizes',
  generateBundle(_options, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type !== 'chunk') continue;
      const bytes = Buffer.byteLength(file.code);
      built.sizes.push({ file: file.fileName, bytes, gzip: gzipSync(file.code, { level: 9 }).length });
    }
  },
});

const chat = {
  input: `${root}widget/src/chat/index.tsx`,
  output: { dir: outDir, format: 'iife', entryFileNames: 'chat-[hash].js', sourcemap: true },
  plugins: [
    ...plugins(),
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
    ...plugins(),
    recordSizes(),
    {
      name: 'print-sizes',
      closeBundle() {
        const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(9);
        console.log('\nwidget sizes (minified / gzip):');
        for (const { file, bytes, gzip } of built.sizes) console.log(`  ${file.padEnd(24)} ${kb(bytes)} / ${kb(gzip)}`);
        const size = built.sizes.find((s) => s.file === 'widget.js');
        if (size && size.gzip > LOADER_BUDGET_GZIP) console.warn(`  widget.js is over its ${kb(LOADER_BUDGET_GZIP)} gzip budget`);
      },
    },
  ],
};

export default [chat, loader];
