// Benchmark: what the first load costs (compressed size of wasm + js + css) and how long the
// shell takes to render its first screen (sign-in) in headless Chromium, cold (fresh profile)
// and warm (service worker).
// Prints numbers; asserts nothing. Run: node tests/e2e/bench/shell.mjs  (after a release build)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { distDir, launch, startServer, waitForServiceWorker } from "../lib/harness.mjs";

const RUNS = Number(process.env.RUNS ?? 7);

const html = await readFile(path.join(distDir, "index.html"), "utf8");
const assets = [...new Set([...html.matchAll(/[=' ]\/([\w.-]+\.(?:wasm|js|css))\b/g)].map((m) => m[1]))];
let total = { raw: 0, gzip: 0, br: 0 };
console.log("file".padEnd(40), "raw", "gzip -9", "brotli q11");
for (const file of assets) {
  const bytes = await readFile(path.join(distDir, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total = { raw: total.raw + bytes.length, gzip: total.gzip + gz, br: total.br + br };
  console.log(file.padEnd(40), bytes.length, gz, br);
}
const kib = (n) => (n / 1024).toFixed(1) + " KiB";
console.log(`first load total: raw ${kib(total.raw)}, gzip ${kib(total.gzip)}, brotli ${kib(total.br)}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer({ demo: false });
const cold = [];
const warm = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const b = await launch();
    try {
      await b.page.goto(server.url);
      await b.page.locator("main h1").waitFor();
      cold.push(await b.page.evaluate(() => performance.now()));
      await waitForServiceWorker(b.page);
      await b.page.reload();
      await b.page.locator("main h1").waitFor();
      warm.push(await b.page.evaluate(() => performance.now()));
    } finally {
      await b.close();
    }
  }
} finally {
  await server.stop();
}
const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(", ");
console.log(`cold load to first screen (sign-in) (ms): median ${median(cold).toFixed(0)} [${fmt(cold)}]`);
console.log(`warm load (service worker) (ms): median ${median(warm).toFixed(0)} [${fmt(warm)}]`);
