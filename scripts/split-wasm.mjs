// Trunk post_build hook (before scripts/precache.sh): splits the PWA's wasm into the main
// module and lazily loaded chunks, and puts them in place of the single wasm trunk staged.
//
// Trunk 0.21 runs cargo, wasm-bindgen and wasm-opt in one step with no hook in between, but the
// split must happen on the linker's output, before wasm-bindgen (which drops the relocations
// the splitter reads). So trunk builds as usual (index.html turns its wasm-opt off), and this
// hook takes the same cargo artifact (linked with `--emit-relocs`, .cargo/config.toml) and runs:
//   1. wasm-split-cli: main module + one `split_<name>.wasm` per `#[wasm_split(name)]` (and
//      `chunk_<n>.wasm` for code shared by several split points only) + `__wasm_split.js`,
//      the loader the main module imports;
//   2. wasm-bindgen on the main module (`--keep-lld-exports`: the chunks link to its exports);
//   3. `wasm-opt -Oz` on every module, terser on the JS;
//   4. names every file `<name>-<hash>.<ext>` with one hash of all of them, rewrites the
//      references between them, replaces trunk's script and wasm in the staged index.html
//      (paths and integrity digests) and removes trunk's unsplit copies.
// Release builds only: debug builds have no split points (src/lib.rs, `split_point!`).
// See docs/size.md.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("split-wasm: run this as a Trunk post_build hook (TRUNK_STAGING_DIR)");
const release = (process.env.TRUNK_PROFILE ?? "release") === "release";
if (!release) {
  // Debug builds have no split points (`split_point!` in src/lib.rs): trunk's output stays.
  console.log("split-wasm: debug build, one wasm module (not split)");
  process.exit(0);
}
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const NAME = "tuoke";

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", opts.capture ? "pipe" : "inherit", "inherit"], encoding: "utf8", ...opts });
  if (r.error) throw new Error(`split-wasm: cannot run ${cmd}: ${r.error.message} (scripts/bootstrap installs it)`);
  if (r.status !== 0) throw new Error(`split-wasm: ${cmd} ${args.join(" ")} failed (${r.status})`);
  return r.stdout;
}

/** Runs `cmd`; its output is shown only when it fails (wasm-opt warns about every module). */
function runAsync(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        process.stderr.write(stdout + stderr);
        reject(new Error(`split-wasm: ${cmd} ${args.join(" ")} failed: ${err.message}`));
      } else resolve();
    });
  });
}

/** Runs `task` over `items`, `n` at a time. */
async function pool(items, n, task) {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    while (queue.length) await task(queue.shift());
  }));
}

// The cargo artifact trunk just built: release builds use the profile index.html names.
const html = readFileSync(path.join(staging, "index.html"), "utf8");
const srcHtml = readFileSync(path.join(source, "index.html"), "utf8");
const profile = srcHtml.match(/data-cargo-profile-release="([^"]+)"/)?.[1] ?? "release";
const targetDir = process.env.CARGO_TARGET_DIR
  ?? JSON.parse(run("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"], { capture: true, cwd: source })).target_directory;
const input = path.join(targetDir, "wasm32-unknown-unknown", profile, `${NAME}.wasm`);
if (!existsSync(input)) throw new Error(`split-wasm: ${input} is missing`);

// Trunk's unsplit output, to be replaced.
const trunkFiles = readdirSync(staging).filter((f) => new RegExp(`^${NAME}(-[0-9a-f]+)?(\\.js|_bg\\.wasm)$`).test(f));
const trunkJs = trunkFiles.find((f) => f.endsWith(".js"));
const trunkWasm = trunkFiles.find((f) => f.endsWith("_bg.wasm"));
if (!trunkJs || !trunkWasm) throw new Error(`split-wasm: trunk's ${NAME} js/wasm not found in ${staging}`);

const work = mkdtempSync(path.join(tmpdir(), "tuoke-split-"));
try {
  const split = path.join(work, "split");
  const out = path.join(work, "out");
  run("wasm-split-cli", [input, split, "--target", "web", "--out-name", NAME]);
  run("wasm-bindgen", [
    path.join(split, `${NAME}.wasm`), "--out-dir", out, "--out-name", NAME, "--target", "web",
    "--keep-lld-exports", "--no-demangle", "--no-typescript",
  ]);
  for (const f of readdirSync(split)) {
    if (f !== `${NAME}.wasm`) copyFileSync(path.join(split, f), path.join(out, f));
  }
  // Biggest first, on every core: the main module alone takes a minute.
  const wasmFiles = readdirSync(out)
    .filter((f) => f.endsWith(".wasm"))
    .sort((a, b) => statSync(path.join(out, b)).size - statSync(path.join(out, a)).size);
  await pool(wasmFiles, Math.max(1, Math.min(availableParallelism(), 4)), (f) => {
    const p = path.join(out, f);
    // The features current rustc output uses (wasm32-unknown-unknown's defaults).
    return runAsync("wasm-opt", [
      "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
      "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
      p, "-o", p,
    ]);
  });

  // The JS (wasm-bindgen's glue, the split loader) minified: trunk's minifier cannot parse the
  // glue (it ships unminified otherwise). Only local names are mangled: the import object's
  // keys, which the wasm imports by, are property names and stay.
  for (const f of readdirSync(out).filter((f) => f.endsWith(".js"))) {
    const p = path.join(out, f);
    run("terser", [p, "--module", "--compress", "--mangle", "--output", p]);
  }

  // One hash over every file: any change renames them all (the service worker re-downloads
  // the whole app on each version anyway).
  const files = readdirSync(out, { recursive: true })
    .filter((f) => statSync(path.join(out, f)).isFile())
    .sort();
  const digest = createHash("sha256");
  for (const f of files) digest.update(f).update(readFileSync(path.join(out, f)));
  const hash = digest.digest("hex").slice(0, 16);
  const renamed = (f) => f.replace(/^([^/]+?)(_bg)?\.(wasm|js)$/, `$1-${hash}$2.$3`);
  const top = files.filter((f) => !f.includes(path.sep));
  for (const f of files) {
    let bytes = readFileSync(path.join(out, f));
    if (f.endsWith(".js")) {
      let text = bytes.toString("utf8");
      // Only where a file is fetched (`from "./x"`, `new URL("./x", …)`), not the names the
      // wasm imports by (`"./__wasm_split.js": import1` in the import object).
      for (const other of top) {
        const escaped = other.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const ref = new RegExp(`(from\\s*|new URL\\(\\s*|import\\(\\s*)(["'])\\./${escaped}\\2`, "g");
        text = text.replace(ref, (_, how, q) => `${how}${q}./${renamed(other)}${q}`);
      }
      bytes = Buffer.from(text);
    }
    const dest = path.join(staging, f.includes(path.sep) ? f : renamed(f));
    // wasm-bindgen snippets (`snippets/…`, none today) keep their paths, relative to the glue.
    mkdirSync(path.dirname(dest), { recursive: true });
    writeFileSync(dest, bytes);
  }

  // index.html: trunk's script and wasm become the split main module (integrity digests too).
  const sri = (p) => "sha384-" + createHash("sha384").update(readFileSync(p)).digest("base64");
  let page = html;
  for (const [old, now] of [[trunkJs, renamed(`${NAME}.js`)], [trunkWasm, renamed(`${NAME}_bg.wasm`)]]) {
    if (!page.includes(old)) throw new Error(`split-wasm: index.html does not name ${old}`);
    page = page.split(old).join(now).split(sri(path.join(staging, old))).join(sri(path.join(staging, now)));
    rmSync(path.join(staging, old));
  }
  writeFileSync(path.join(staging, "index.html"), page);

  const chunks = top.filter((f) => f.endsWith(".wasm") && f !== `${NAME}_bg.wasm`);
  const splits = chunks.filter((f) => f.startsWith("split_")).map((f) => f.replace(/\.wasm$/, ""));
  console.log(`split-wasm: main module + ${chunks.length} chunks (${splits.join(", ")} and ${chunks.length - splits.length} shared), hash ${hash}, wasm-opt -Oz`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
