// Writes brotli (q11) and gzip (-9) siblings of the hashed assets in a staged trunk build, so
// the server sends them as they are (tower-http `ServeDir::precompressed_*`) instead of
// compressing the same bytes on every request at a lower level.
// Usage: node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2];
if (!dir) throw new Error("usage: precompress.mjs DIR");
// Only content-hashed files: an unhashed file (sw.js, index.html) may be replaced in place,
// and a stale compressed sibling would then be served instead of it.
const hashed = /-[0-9a-f]{15,16}(_bg)?\.(wasm|js|css)$/;
let count = 0;
for (const name of readdirSync(dir)) {
  if (!hashed.test(name)) continue;
  const bytes = readFileSync(path.join(dir, name));
  writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  writeFileSync(path.join(dir, `${name}.gz`), gzipSync(bytes, { level: 9 }));
  count++;
}
console.log(`precompress: ${count} files`);
