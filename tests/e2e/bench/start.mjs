// Benchmark: cold and warm start to an interactive Today screen on a slow phone and a weak
// signal (issue 18). Chromium with 4× CPU throttling and Chrome's "Slow 4G" network preset
// (150 ms latency as the issue states, 1.6 Mbit/s × 0.9 down and 750 kbit/s × 0.9 up, as
// DevTools applies them). Prints numbers; asserts nothing.
//
// Each run uses a fresh profile (harness `launch`) and a demo server (rep1):
//   1. first visit: navigation to an interactive sign-in form, nothing cached (a new phone);
//   2. sign in and let the first sync finish (unthrottled: setup, not measured);
//   3. cold start: the service worker, Cache Storage and HTTP cache are wiped (the session
//      and the synced data in IndexedDB stay), then navigation to an interactive Today;
//   4. warm start: once the service worker controls the page again, the same navigation
//      served by the service worker (same profile).
// "Interactive Today" = Today's due list rendered (due summary, all caught up, or the new
// rep's empty state) and the tab bar's first tab the element under its own centre (nothing
// covers it, so a tap lands). Times are `performance.now()` at that moment: from the start of
// the navigation. Polled on every animation frame.
//
// Run after a build (release for the real figures):
//   cd tests/e2e && TUOKE_DIST=/path/to/dist TUOKE_SERVER_BIN=../../target/debug/tuoke-server \
//     node bench/start.mjs
// RUNS (default 5) sets the number of runs; THROTTLE (default 4) the CPU slow-down.
import { launch, signIn, startServer, waitForServiceWorker } from "../lib/harness.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000 * 0.9) / 8,
  uploadThroughput: (750 * 1000 * 0.9) / 8,
  connectionType: "cellular4g",
};
const UNTHROTTLED = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/** Today's list is on screen and the tab bar takes taps. */
function todayInteractive() {
  const list = document.querySelector(
    '[data-testid="due-summary"], [data-testid="today-caught-up"], [data-testid="today-no-prospects"]'
  );
  const tab = document.querySelector("nav.tab-bar a.tab");
  if (!list || !tab) return false;
  const r = tab.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit !== null && tab.contains(hit) ? performance.now() : false;
}

/** The sign-in form is on screen and its button takes taps. */
function signInInteractive() {
  const button = document.querySelector('[data-testid="login-submit"]');
  if (!button || button.disabled) return false;
  const r = button.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit !== null && button.contains(hit) ? performance.now() : false;
}

/** Bytes the page's own resources took on the wire (0 when served by the service worker). */
function transferred() {
  const entries = [performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")];
  return entries.reduce((sum, e) => sum + (e?.transferSize ?? 0), 0);
}

/** Fails after `ms` instead of waiting forever (a worker that never takes control). */
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Waits until a service worker controls the page; reloads once if none does in 60 s. */
async function controlled(page) {
  try {
    await within(60_000, "service worker", waitForServiceWorker(page));
  } catch {
    step("no service worker in control after 60 s: reloading");
    await page.reload();
    await within(60_000, "service worker after a reload", waitForServiceWorker(page));
  }
}

const step = (text) => process.env.VERBOSE && console.error(`[${new Date().toISOString()}] ${text}`);

async function throttle(cdp, on) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: on ? THROTTLE : 1 });
  await cdp.send("Network.emulateNetworkConditions", on ? SLOW_4G : UNTHROTTLED);
}

/** Navigates to `url` and resolves to the ms from navigation start until `ready` holds. */
async function timeTo(page, url, ready) {
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  const handle = await page.waitForFunction(ready, null, { polling: "raf", timeout: 120_000 });
  return { ms: await handle.jsonValue(), bytes: await page.evaluate(transferred) };
}

const server = await startServer();
const first = [];
const cold = [];
const warm = [];
let states = new Set();
try {
  for (let i = 0; i < RUNS; i++) {
    const b = await launch();
    try {
      const cdp = await b.context.newCDPSession(b.page);
      await cdp.send("Network.enable");
      const origin = new URL(server.url).origin;

      step(`run ${i + 1}: first visit`);
      await throttle(cdp, true);
      first.push(await timeTo(b.page, server.url, signInInteractive));

      // Setup from a clean state: the worker the throttled first visit may still be
      // installing is dropped, so the next one installs over an unthrottled link.
      step("sign in");
      await throttle(cdp, false);
      await b.page.goto("about:blank");
      await cdp.send("Storage.clearDataForOrigin", { origin, storageTypes: "service_workers,cache_storage" });
      await signIn(b.page, server.url);
      await b.page.waitForFunction(todayInteractive, null, { timeout: 60_000 });
      await controlled(b.page);
      // Leave the app, then forget its code: worker, its caches, the HTTP cache.
      await b.page.goto("about:blank");
      await cdp.send("Storage.clearDataForOrigin", { origin, storageTypes: "service_workers,cache_storage" });
      await cdp.send("Network.clearBrowserCache");

      step("cold start");
      await throttle(cdp, true);
      cold.push(await timeTo(b.page, server.url, todayInteractive));
      states.add(
        await b.page.evaluate(() =>
          document.querySelector('[data-testid="due-summary"]') ? "due list"
            : document.querySelector('[data-testid="today-caught-up"]') ? "all caught up" : "no prospects")
      );

      // The worker installs again (precaching over an unthrottled link: setup).
      step("service worker again");
      await throttle(cdp, false);
      await controlled(b.page);
      await b.page.goto("about:blank");
      step("warm start");
      await throttle(cdp, true);
      warm.push(await timeTo(b.page, server.url, todayInteractive));
      if (b.errors.length > 0) console.error(`run ${i + 1}: page errors: ${b.errors.join("; ")}`);
    } finally {
      await b.close();
    }
  }
} finally {
  await server.stop();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = (label, runs) => {
  const ms = runs.map((r) => r.ms);
  const kib = median(runs.map((r) => r.bytes)) / 1024;
  console.log(
    `${label}: median ${median(ms).toFixed(0)} ms [${ms.map((x) => x.toFixed(0)).join(", ")}], ` +
      `${kib.toFixed(1)} KiB on the wire (median)`
  );
};
console.log(`start benchmark: ${RUNS} runs, CPU ${THROTTLE}× slower, Slow 4G (150 ms, 1.44 Mbit/s down)`);
report("first visit to an interactive sign-in form (nothing cached)", first);
report(`cold start to an interactive Today (signed in, code not cached; Today shows: ${[...states].join(", ")})`, cold);
report("warm start to an interactive Today (service worker)", warm);
