// The split wasm (docs/size.md): the screens after Today load their code from chunk files,
// which the service worker precaches, so the installed app opens every screen offline in every
// language; a chunk that cannot be fetched is reported in the user's language, with a retry.
// Needs a release build (TUOKE_DIST): debug builds are split too, but the offline part needs
// the service worker's precache of a release build like the other offline tests.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { expectHeading, launch, screenshot, setLang, signIn, startServer, waitForServiceWorker } from "./lib/harness.mjs";

// The later screens' style sheets, as index.html links them (disabled until a screen's code
// has loaded).
const SCREEN_SHEETS = readFileSync(new URL("../../index.html", import.meta.url), "utf8")
  .split("\n").filter((l) => /<link[^>]*data-screen-css/.test(l)).length;

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

// Each split-off screen, the chunk holding its code (src/pages/lazy.rs) and its heading in
// zh-Hans, zh-Hant, en.
const SCREENS = [
  { path: "/prospects", chunk: "split_field", heading: ["客户", "客戶", "Prospects"] },
  { path: "/capture", chunk: "split_field", heading: ["记录", "記錄", "Capture"] },
  { path: "/pipeline", chunk: "split_office", heading: ["商机", "商機", "Pipeline"] },
  { path: "/more", chunk: "split_office", heading: ["更多", "更多", "More"] },
  { path: "/sync", chunk: "split_office", heading: ["同步", "同步", "Sync"] },
  { path: "/playbooks", chunk: "split_office", heading: ["销售攻略", "銷售攻略", "Playbooks"] },
  { path: "/quiz", chunk: "split_office", heading: ["培训测验", "訓練測驗", "Training quiz"] },
];
const LANGS = ["zh-Hans", "zh-Hant", "en"];

/** The wasm files the page has loaded so far (from the network or the service worker). */
async function loadedWasm(page) {
  return page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".wasm"))
  );
}

test("the first screen needs only the main wasm module; the other screens' chunks come after it", async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await expectHeading(b.page, "登录拓客");
    const main = await b.page.evaluate(() =>
      performance.getEntriesByType("resource").find((e) => /\/tuoke-[0-9a-f]{16}_bg\.wasm$/.test(e.name))?.responseEnd
    );
    assert.ok(main, "the main module was loaded");
    // The background prefetch of the other screens' chunks (and the sync engine's) starts
    // only after the first screen is up.
    await b.page.waitForFunction(() =>
      performance.getEntriesByType("resource").some((e) => /\/split_field-[0-9a-f]{16}\.wasm$/.test(e.name))
    );
    const chunks = await b.page.evaluate(() =>
      performance.getEntriesByType("resource")
        .filter((e) => /\/(split|chunk)_\w+-[0-9a-f]{16}\.wasm$/.test(e.name))
        .map((e) => ({ name: e.name, start: e.startTime }))
    );
    for (const c of chunks) assert.ok(c.start >= main, `${c.name} started before the main module was in`);
    // The other screens' style sheets are disabled in the page, so nothing fetches them
    // before a chunk has loaded; then they are enabled and load.
    const sheets = await b.page.evaluate(() =>
      [...document.querySelectorAll("link[data-screen-css]")].map((l) => new URL(l.href).pathname)
    );
    assert.equal(sheets.length, SCREEN_SHEETS, `the screens' style sheets: ${sheets}`);
    await b.page.waitForFunction(() => [...document.querySelectorAll("link[data-screen-css]")].every((l) => l.sheet));
    const timing = await b.page.evaluate(() => {
      const entries = performance.getEntriesByType("resource");
      const firstChunk = Math.min(...entries.filter((e) => /\/split_\w+-[0-9a-f]{16}\.wasm$/.test(e.name)).map((e) => e.responseEnd));
      const css = entries.filter((e) => [...document.querySelectorAll("link[data-screen-css]")].some((l) => l.href === e.name));
      return { firstChunk, css: css.map((e) => ({ name: e.name, start: e.startTime })) };
    });
    assert.equal(timing.css.length, SCREEN_SHEETS);
    for (const c of timing.css) assert.ok(c.start >= timing.firstChunk, `${c.name} was fetched before any screen's code loaded`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("after install, every screen opens offline in zh-Hans, zh-Hant and en from precached chunks", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await waitForServiceWorker(b.page);
    // The demo prospects are on the phone (the first pull is done) before the signal goes.
    await b.page.getByTestId("sync-status").filter({ hasText: "已同步" }).waitFor();
    await b.context.setOffline(true);
    for (const [i, lang] of LANGS.entries()) {
      await setLang(b.page, server.url, lang);
      for (const screen of SCREENS) {
        // A page load: nothing is in memory, the chunk comes from the service worker's cache.
        await b.page.goto(`${server.url}${screen.path}`);
        await expectHeading(b.page, screen.heading[i]);
        assert.equal(await b.page.getByTestId("screen-unavailable").count(), 0, `${lang} ${screen.path}`);
        const wasm = await loadedWasm(b.page);
        assert.ok(wasm.some((p) => p.startsWith(`/${screen.chunk}-`)), `${lang} ${screen.path} loaded ${wasm}`);
        // Its style sheets came from the precache too, before the screen showed.
        const unstyled = await b.page.evaluate(() =>
          [...document.querySelectorAll("link[data-screen-css]")].filter((l) => l.disabled || !l.sheet).map((l) => l.href)
        );
        assert.deepEqual(unstyled, [], `${lang} ${screen.path}`);
      }
      // A prospect's screen (its own chunk), reached from the list.
      await b.page.goto(`${server.url}/prospects`);
      await b.page.getByTestId("prospect-row").first().getByRole("link").click();
      await b.page.getByTestId("prospect-title").waitFor();
      assert.ok((await loadedWasm(b.page)).some((p) => p.startsWith("/split_field-")));
      await screenshot(b.page, `lazy-offline-prospect-${lang}`);
    }
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.context.setOffline(false);
    await b.close();
  }
});

test("a screen whose code cannot be fetched tries again by itself a few times, says so in the user's language and opens on retry", async () => {
  // No service worker (so the page's requests can be cut), and the chunk of the prospects
  // screens unreachable: as on a first visit when the signal drops.
  const b = await launch({ serviceWorkers: "block" });
  const field = /\/split_field-[0-9a-f]{16}\.wasm$/;
  try {
    let tries = 0;
    await b.page.route(field, (route) => {
      tries += 1;
      return route.abort("internetdisconnected");
    });
    await signIn(b.page, server.url);
    await setLang(b.page, server.url, "zh-Hant");
    await b.page.getByRole("link", { name: "客戶" }).click();
    // The browser says it is online: the screen's load is tried again after 2 s, 4 times.
    const deadline = Date.now() + 30_000;
    while (tries < 5 && Date.now() < deadline) await b.page.waitForTimeout(250);
    assert.ok(tries >= 5, `the chunk was asked for ${tries} times`);
    const unavailable = b.page.getByTestId("screen-unavailable");
    await unavailable.waitFor();
    assert.match(await unavailable.textContent(), /還沒有下載到手機上/);
    await screenshot(b.page, "lazy-unavailable-zh-hant");
    await b.page.unroute(field);
    await b.page.getByRole("button", { name: "重試" }).click();
    await expectHeading(b.page, "客戶");
    assert.equal(await unavailable.count(), 0);
  } finally {
    await b.close();
  }
});
