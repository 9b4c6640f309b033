// Shared end-to-end harness: the real tuoke-server on a loopback port with a fresh database,
// and Debian's Chromium through playwright-core in a fresh persistent profile (a persistent
// context is not incognito, so installability and service workers behave as for a user).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cp, mkdtemp, mkdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../../..");
export const artifacts = path.join(root, "tests/e2e/artifacts");

export const serverBin =
  process.env.TUOKE_SERVER_BIN ?? path.join(root, "target/debug/tuoke-server");
export const distDir = process.env.TUOKE_DIST ?? path.join(root, "dist");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-quic",
  "--disable-sync",
  "--no-first-run",
];

/** A phone-sized viewport: layouts are designed for 360×740 first. */
export const PHONE = { width: 360, height: 740 };

/**
 * Starts `tuoke-server serve` on port 0 with a fresh SQLite database and a private copy of the
 * built PWA (tests may change the copy, e.g. to publish a new version). Resolves once the
 * server prints its listening line. `tour`: rep1's demo tour too (`--demo-tour`).
 */
export async function startServer({ demo = true, tour = false } = {}) {
  if (!existsSync(serverBin)) throw new Error(`server binary missing: ${serverBin} (cargo build -p tuoke-server)`);
  if (!existsSync(path.join(distDir, "index.html"))) throw new Error(`PWA not built: ${distDir} (trunk build --release)`);
  const dir = await mkdtemp(path.join(tmpdir(), "tuoke-e2e-"));
  const staticDir = path.join(dir, "dist");
  await cp(distDir, staticDir, { recursive: true });
  const args = ["serve", "--addr", "127.0.0.1:0", "--db", `sqlite://${dir}/tuoke.db`, "--static", staticDir];
  if (demo) args.push("--demo");
  if (tour) args.push("--demo-tour");
  const child = spawn(serverBin, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RUST_LOG: "warn" } });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return {
    url,
    staticDir,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Launches Chromium with a fresh profile; the page records console errors and crashes. */
export async function launch(options = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), "tuoke-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    serviceWorkers: "allow",
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until a service worker controls the page (the shell is then cached). */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true })
      );
    }
  });
}

/** Saves a screenshot as a test artifact. */
export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** The visible labels of the bottom tab bar, in order. */
export async function tabLabels(page) {
  await page.locator("nav.tab-bar .tab-label").nth(4).waitFor();
  return page.locator("nav.tab-bar .tab-label").allTextContents();
}

/** Waits until the tab bar shows exactly `labels` (the UI re-renders asynchronously). */
export async function expectTabs(page, labels) {
  await page.waitForFunction(
    (want) => [...document.querySelectorAll("nav.tab-bar .tab-label")].map((e) => e.textContent).join("|") === want,
    labels.join("|"),
    { timeout: 10_000 }
  );
}

/** Waits until the screen's heading reads exactly `text`. */
export async function expectHeading(page, text) {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  await page.locator("main h1").filter({ hasText: exact }).waitFor({ timeout: 10_000 });
}

/** The demo users' password (`tuoke-server serve --demo`). */
export const DEMO_PASSWORD = "demo";

/** Signs in through the login screen and waits for the tab bar. */
export async function signIn(page, url, username = "rep1", password = DEMO_PASSWORD) {
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.locator("nav.tab-bar").waitFor({ timeout: 15_000 });
}

/** Waits until the status bar says `n` changes wait to be synced. */
export async function expectPending(page, n, timeout = 30_000) {
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="sync-status"]')?.dataset.pending === String(want),
    n,
    { timeout }
  );
}

/** The server's API as a demo user (for checking what actually arrived). */
export async function api(url, username = "rep1", password = DEMO_PASSWORD) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { token } = await login.json();
  const auth = { authorization: `Bearer ${token}` };
  return {
    /** POSTs JSON; resolves to the response. */
    post(path, body) {
      return fetch(`${url}${path}`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    },
    /** Every change visible to the user, from cursor 0, all pages. */
    async pullAll() {
      let since = 0;
      const changes = [];
      for (;;) {
        const r = await fetch(`${url}/api/v1/sync/pull?since=${since}&limit=5000`, { headers: auth });
        if (!r.ok) throw new Error(`pull failed: ${r.status}`);
        const page = await r.json();
        changes.push(...page.changes);
        since = page.cursor;
        if (!page.has_more) return changes;
      }
    },
  };
}

/** Pushes mutations (`[name, args]` pairs) as `user` straight to the server; throws unless each was accepted. */
export async function pushAs(url, user, mutations) {
  const client = await api(url, user);
  const r = await client.post("/api/v1/sync/push", {
    client_id: randomUUID(),
    mutations: mutations.map(([name, args]) => ({ id: randomUUID(), name, args, at: new Date().toISOString() })),
  });
  if (r.status !== 200) throw new Error(`push failed: ${r.status}`);
  const { results } = await r.json();
  for (const res of results) if (res.status === "rejected") throw new Error(`rejected: ${res.reason}`);
  return results;
}

/** Chooses the UI language on the More screen (a page load) and waits until it applies. */
export async function setLang(page, url, lang) {
  await page.goto(`${url}/more`);
  await page.getByTestId("lang-select").selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/**
 * A minute into the business day (China time, UTC+8, as the core counts contact days) `days`
 * days before today's, as RFC 3339: always in the past, and on the intended day whatever the
 * hour of the run (noon UTC is already the next day in China after 16:00 UTC).
 */
export function daysAgo(days) {
  const china = new Date(Date.now() + 8 * 3600_000);
  const startOfDay = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() - days, 0, 1);
  return new Date(startOfDay - 8 * 3600_000).toISOString();
}

/** The latest version of the prospect named `company` that the API `client` may see. */
export async function prospectOf(client, company) {
  const changes = await client.pullAll();
  const found = changes.filter((c) => c.entity === "prospect" && c.data?.company === company).at(-1);
  if (!found) throw new Error(`no prospect ${company} on the server`);
  return found;
}
