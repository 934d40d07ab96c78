// Builds the staff console into dist/console/: index.html (no inline script, for the strict CSP)
// naming the content-hashed entry under assets/. Run from the repository root:
//   npx rollup -c console/rollup.config.mjs
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chunkSize, kb, preactPlugins } from '../scripts/rollup-preact.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/console`;
// Staff only (visitors never load it). Raised from 60 KB when the knowledge tab, the live inbox,
// rules and office hours came in (two languages each); a warning, not a failure.
const BUDGET_GZIP = 72 * 1024;

const page = (entry) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>CustomChat console</title>
<link rel="icon" href="data:,">
<script type="module" src="/console/${entry}"></script>
</head>
<body>
<div id="app"><p style="font:14px system-ui,sans-serif;color:#6b7280;padding:24px">Loading… 正在加载…</p></div>
<noscript>The console needs JavaScript. 控制台需要启用 JavaScript。</noscript>
</body>
</html>
`;

/** index.html naming the entry; older hashed files removed; sizes printed. */
const htmlAndSizes = () => {
  const kept = new Set();
  const sizes = [];
  return {
    name: 'console-html',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((f) => f.type === 'chunk' && f.isEntry);
      this.emitFile({ type: 'asset', fileName: 'index.html', source: page(entry.fileName) });
      for (const file of Object.values(bundle)) {
        kept.add(file.fileName);
        kept.add(`${file.fileName}.map`);
        if (file.type === 'chunk') sizes.push(chunkSize(file));
      }
    },
    writeBundle() {
      for (const name of readdirSync(`${outDir}/assets`)) {
        if (!kept.has(`assets/${name}`)) rmSync(`${outDir}/assets/${name}`);
      }
      console.log('\nconsole sizes (minified / gzip):');
      for (const { file, bytes, gzip } of sizes) console.log(`  ${file.padEnd(28)} ${kb(bytes)} / ${kb(gzip)}`);
      const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
      if (total > BUDGET_GZIP) console.warn(`  the console is over its ${kb(BUDGET_GZIP)} gzip budget`);
    },
  };
};

export default {
  input: `${root}console/src/main.tsx`,
  output: {
    dir: outDir,
    format: 'es',
    entryFileNames: 'assets/app-[hash].js',
    chunkFileNames: 'assets/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    ...preactPlugins({ module: true }),
    htmlAndSizes(),
  ],
};
