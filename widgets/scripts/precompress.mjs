// Writes a brotli (.br) and a gzip (.gz) twin next to every JavaScript, CSS and JSON file of the
// builds the BFF serves (dist/cdn, dist/esm), at the highest levels: done once per build, so the
// BFF never compresses a bundle per request (bff/platform/static.ts serves the twins). Files under
// 1 KB, and twins that would not be smaller than the file, are not written (stale ones are removed).
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIRS = ['dist/cdn', 'dist/esm'];
const MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|mjs|css|json|svg|html)$/;

let files = 0;
let raw = 0;
let br = 0;
let gz = 0;
for (const dir of DIRS) {
  let names;
  try {
    names = readdirSync(dir, { recursive: true }).map(String);
  } catch {
    continue; // that build was not made
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (!COMPRESSIBLE.test(file) || !statSync(file).isFile()) continue;
    const body = readFileSync(file);
    const twins = [
      ['.br', () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })],
      ['.gz', () => gzipSync(body, { level: 9 })],
    ];
    for (const [ext, compress] of twins) {
      const out = body.length >= MIN_BYTES ? compress() : undefined;
      if (out && out.length < body.length) {
        // Written aside and renamed, so a server reading the folder meanwhile (a fresh `npm start`
        // precompresses after it is ready) never sends half a twin; dot-names are never served.
        const aside = path.join(path.dirname(file), `.${path.basename(file)}${ext}.tmp`);
        writeFileSync(aside, out);
        renameSync(aside, file + ext);
        if (ext === '.br') br += out.length;
        else gz += out.length;
      } else rmSync(file + ext, { force: true });
    }
    if (body.length >= MIN_BYTES) {
      files++;
      raw += body.length;
    }
  }
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`  precompressed ${files} files of ${DIRS.join(', ')}: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`);
