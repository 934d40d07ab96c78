// What the widget and the console builds share: Preact TSX through swc, minified CSS template
// literals, terser, and gzip sizes for the size report.
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import swc from '@rollup/plugin-swc';
import terser from '@rollup/plugin-terser';

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

/** `module`: the output is an ES module (the console) rather than a classic script (the widget). */
export const preactPlugins = ({ module = false } = {}) => [
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
  terser({ ecma: 2020, module, compress: { passes: 2 }, format: { comments: false, ascii_only: true } }),
];

export const chunkSize = (file) => ({ file: file.fileName, bytes: Buffer.byteLength(file.code), gzip: gzipSync(file.code, { level: 9 }).length });

export const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(9);
