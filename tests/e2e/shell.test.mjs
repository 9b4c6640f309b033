// The installable, offline-capable app shell, in real Chromium against the real server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expectHeading, expectTabs, launch, screenshot, signIn, startServer, tabLabels, waitForServiceWorker } from "./lib/harness.mjs";

const ZH_HANS_TABS = ["今日", "客户", "记录", "商机", "更多"];
const ZH_HANT_TABS = ["今日", "客戶", "記錄", "商機", "更多"];
const EN_TABS = ["Today", "Prospects", "Capture", "Pipeline", "More"];

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("the app loads in Simplified Chinese, asks to sign in, then shows the five tabs with no console errors", async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await expectHeading(b.page, "登录拓客");
    assert.equal(await b.page.locator("nav.tab-bar").count(), 0);
    await screenshot(b.page, "shell-login-zh-hans");
    await signIn(b.page, server.url);
    assert.deepEqual(await tabLabels(b.page), ZH_HANS_TABS);
    await expectHeading(b.page, "今日");
    assert.equal(await b.page.getAttribute("html", "lang"), "zh-Hans");
    assert.equal(await b.page.getByTestId("net-status").textContent(), "在线");
    await screenshot(b.page, "shell-today-zh-hans");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("tabs route to their screens and deep links render the right screen", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "客户" }).click();
    await b.page.waitForURL(/\/prospects$/);
    await expectHeading(b.page, "客户");
    assert.equal(await b.page.locator('nav.tab-bar a[aria-current="page"]').textContent(), "客户");
    await b.page.goto(`${server.url}/pipeline`);
    await expectHeading(b.page, "商机");
    await b.page.goto(`${server.url}/no/such/screen`);
    await expectHeading(b.page, "页面不存在");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("Chromium reports no installability errors for the manifest and service worker", async () => {
  const b = await launch();
  try {
    await b.page.goto(server.url);
    await waitForServiceWorker(b.page);
    const cdp = await b.context.newCDPSession(b.page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, []);
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.display, "standalone");
    const sizes = parsed.icons.map((i) => `${i.sizes}:${i.purpose ?? "any"}`).sort();
    assert.deepEqual(sizes, ["192x192:any", "512x512:any", "512x512:maskable"]);
    for (const icon of parsed.icons) {
      const res = await b.page.request.get(new URL(icon.src, server.url).href);
      assert.equal(res.status(), 200, icon.src);
      assert.equal(res.headers()["content-type"], "image/png", icon.src);
    }
  } finally {
    await b.close();
  }
});

test("offline, a reload and a deep link still render the shell from the service worker", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await waitForServiceWorker(b.page);
    await b.context.setOffline(true);
    await b.page.reload();
    await b.page.locator("nav.tab-bar").waitFor();
    assert.deepEqual(await tabLabels(b.page), ZH_HANS_TABS);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await b.page.goto(`${server.url}/capture`);
    await expectHeading(b.page, "记录");
    await screenshot(b.page, "shell-offline-capture");
    await b.context.setOffline(false);
    await b.page.getByTestId("net-status").filter({ hasText: "在线" }).waitFor();
  } finally {
    await b.close();
  }
});

test("switching the language changes the UI text and is remembered after a reload", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.goto(`${server.url}/more`);
    await b.page.getByTestId("lang-select").selectOption("en");
    await expectTabs(b.page, EN_TABS);
    await expectHeading(b.page, "More");
    assert.equal(await b.page.getAttribute("html", "lang"), "en");
    await screenshot(b.page, "shell-more-en");
    await b.page.reload();
    assert.deepEqual(await tabLabels(b.page), EN_TABS);
    await b.page.getByTestId("lang-select").selectOption("zh-Hant");
    await expectTabs(b.page, ZH_HANT_TABS);
    await expectHeading(b.page, "更多");
    await screenshot(b.page, "shell-more-zh-hant");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a new version waits and activates only when the user accepts the update", async () => {
  const own = await startServer();
  const b = await launch();
  try {
    await signIn(b.page, own.url);
    await waitForServiceWorker(b.page);
    const oldCaches = await b.page.evaluate(() => caches.keys());
    assert.equal(oldCaches.length, 1);

    // Publish a new version: the build stamps a new version into sw.js.
    const swPath = path.join(own.staticDir, "sw.js");
    const sw = await readFile(swPath, "utf8");
    const next = sw.replace(/const VERSION = "[^"]+"/, 'const VERSION = "e2e-next"');
    assert.notEqual(next, sw, "sw.js carries a build version");
    await writeFile(swPath, next);

    await b.page.evaluate(() => (window.__sameDocument = true));
    await b.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = b.page.getByTestId("update-banner");
    await banner.waitFor();
    await screenshot(b.page, "shell-update-available");
    // Nothing has changed yet: same document, the new version only waits.
    assert.equal(await b.page.evaluate(() => window.__sameDocument), true);
    assert.equal(await waitingVersionExists(b.page), true);
    assert.ok((await b.page.evaluate(() => caches.keys())).includes(oldCaches[0]));

    // "Later" hides the prompt without activating anything.
    await b.page.getByRole("button", { name: "稍后" }).click();
    await banner.waitFor({ state: "detached" });
    assert.equal(await b.page.evaluate(() => window.__sameDocument), true);

    // The waiting version is offered again on the next start, and accepting it reloads.
    await b.page.reload();
    await banner.waitFor();
    await b.page.evaluate(() => (window.__sameDocument = true));
    await b.page.getByRole("button", { name: "立即更新" }).click();
    // A new document (the marker is gone) with the shell rendered: the page reloaded.
    await waitInNewDocument(b.page, () => !window.__sameDocument && !!document.querySelector("nav.tab-bar"));
    assert.equal(await waitingVersionExists(b.page), false);
    // The new version cleans up the old shell cache once it is active.
    await b.page.waitForFunction(async () => (await caches.keys()).join() === "tuoke-shell-e2e-next");
    assert.equal(await b.page.getByTestId("update-banner").count(), 0);
  } finally {
    await b.close();
    await own.stop();
  }
});

// Polls `condition` in the page until it holds, across the reload it waits for (a context
// destroyed by the navigation is retried, not a failure); says what the page was in if not.
async function waitInNewDocument(page, condition, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if (await page.evaluate(condition)) return;
    } catch {
      // The document is being replaced.
    }
    if (Date.now() > deadline) {
      const state = await page
        .evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return { url: location.href, controller: navigator.serviceWorker.controller?.scriptURL ?? null,
            waiting: reg?.waiting?.state ?? null, active: reg?.active?.state ?? null, caches: await caches.keys() };
        })
        .catch((e) => String(e));
      throw new Error(`the page did not reload into the new version: ${JSON.stringify(state)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitingVersionExists(page) {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null);
}

test("the server sends hashed assets as immutable and the shell and worker as no-cache", async () => {
  const res = await fetch(server.url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("cache-control"), /no-cache/);
  const html = await res.text();
  const wasm = html.match(/(\/tuoke-[0-9a-f]{15,16}_bg\.wasm)/);
  assert.ok(wasm, "index.html preloads a hashed wasm file");
  const asset = await fetch(server.url + wasm[1], { headers: { "accept-encoding": "br" } });
  assert.equal(asset.headers.get("content-type"), "application/wasm");
  assert.match(asset.headers.get("cache-control"), /immutable/);
  assert.equal(asset.headers.get("content-encoding"), "br");
  const worker = await fetch(server.url + "/sw.js");
  assert.match(worker.headers.get("cache-control"), /no-cache/);
  assert.match(worker.headers.get("content-type"), /javascript/);
});
