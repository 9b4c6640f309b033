#!/usr/bin/env node
// Benchmark: how many bytes the UI message catalogues (src/i18n/*.rs, `Key => [zh-Hans,
// zh-Hant, en]`) put into the wasm, per language and all three together, raw and compressed
// (brotli q11, gzip 9). What the first load would save by carrying only the active language
// is "all three" minus "one language" (compressed: the rows are compressed separately, so
// the savings are an upper bound for text that sits among other data in the wasm).
// Usage: node scripts/ui-strings-size.mjs [wasm]  (with a wasm: also the CJK bytes it holds)
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), "../src/i18n");
const literal = String.raw`"((?:[^"\\]|\\.)*)"`;
const entry = new RegExp(String.raw`=>\s*\[\s*${literal}\s*,\s*${literal}\s*,\s*${literal}\s*,?\s*\]`, "gs");
const unescape = (s) => s
  .replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/\\\n\s*/g, "")
  .replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\(["\\'])/g, "$1");
const langs = [[], [], []];
let keys = 0;
for (const f of readdirSync(dir).filter((f) => f.endsWith(".rs")).sort()) {
  for (const m of readFileSync(path.join(dir, f), "utf8").matchAll(entry)) {
    keys++;
    for (let i = 0; i < 3; i++) langs[i].push(unescape(m[i + 1]));
  }
}
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const row = (name, texts) => {
  const b = Buffer.from(texts.join("\0"), "utf8");
  console.log(`${name.padEnd(10)} ${String(b.length).padStart(8)} ${String(gzipSync(b, { level: 9 }).length).padStart(8)} ${String(br(b)).padStart(8)}`);
};
console.log(`${keys} keys in src/i18n`);
console.log(`${"".padEnd(10)} ${"raw".padStart(8)} ${"gzip".padStart(8)} ${"brotli".padStart(8)}`);
row("zh-Hans", langs[0]);
row("zh-Hant", langs[1]);
row("en", langs[2]);
row("all three", [...langs[0], ...langs[1], ...langs[2]]);
const wasm = process.argv[2];
if (wasm) {
  const bytes = readFileSync(wasm);
  let cjk = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] >= 0xe3 && bytes[i] <= 0xe9 && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80) { cjk++; i += 2; }
  }
  console.log(`${wasm}: ${bytes.length} bytes, ${cjk} CJK characters (${cjk * 3} bytes)`);
}
