// A live app: a manager's decision reaches a rep whose app stays open (when the app is shown
// or focused again, and every 30 s while the rep waits), and what the app says when requests
// do not get through — the connection pill shows whether the team's server is reached, and
// the sync and login screens say what happened and what to do in the rep's language, never
// the browser's "Failed to fetch". At 360×740 in Chromium against the real server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api, expectPending, launch, pushAs, screenshot, signIn, startServer } from "./lib/harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const LANGS = ["zh-Hans", "zh-Hant", "en"];

const push = (user, mutations) => pushAs(server.url, user, mutations);

/** The rep's pending approval of prospect `id`, as the manager sees it (waits for it). */
async function approvalOf(id) {
  const changes = await (await api(server.url, "manager1")).pullAll();
  const latest = new Map();
  for (const c of changes) if (c.entity === "approval") latest.set(c.id, c.data);
  const found = [...latest.values()].filter((d) => d?.prospect_id === id && d.status === "pending");
  assert.equal(found.length, 1);
  return found[0];
}

/**
 * Signs rep1 in, makes a new prospect, asks to move it to the demo stage (which needs the
 * manager) and waits until the request reached the server and came back as waiting.
 */
async function requestDemo(b, company) {
  const id = randomUUID();
  await push("rep1", [["prospect.put", { id, patch: { company } }]]);
  await signIn(b.page, server.url);
  await b.page.goto(`${server.url}/prospects/${id}/stage`);
  await b.page.getByTestId("stage-section").waitFor({ timeout: 15_000 });
  await b.page.getByTestId("stage-row-demo").click();
  await b.page.getByTestId("stage-dialog-confirm").click();
  await b.page.getByTestId("stage-pending").filter({ hasText: "已送交主管" }).waitFor({ timeout: 15_000 });
  await expectPending(b.page, 0);
  return id;
}

async function decide(id, approve, comment) {
  const approval = await approvalOf(id);
  await push("manager1", [["approval.decide", { approval_id: approval.id, approve, comment }]]);
}

const outcome = (page) => page.getByTestId("stage-approval-outcome");

// Tests that answer the page's requests with `page.route` run without a service worker: one
// that claims the page mid-test can send requests past the route (Playwright's documented
// limit); none of them is about offline.
const NO_WORKER = { serviceWorkers: "block" };

test("a manager's approval shows within seconds when the open app becomes visible again", async () => {
  const b = await launch();
  try {
    const id = await requestDemo(b, "可见即同步机械厂");
    await decide(id, true, "同意演示");
    await b.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await outcome(b.page).filter({ hasText: "主管已批准推进到“系统演示”" }).waitFor({ timeout: 8_000 });
    await b.page.locator('[data-testid="stage-current"][data-stage="demo"]').waitFor();
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a manager's rejection shows within seconds when the open app is focused again", async () => {
  const b = await launch();
  try {
    const id = await requestDemo(b, "聚焦即同步五金厂");
    await decide(id, false, "先做初访");
    await b.page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await outcome(b.page).filter({ hasText: "主管驳回了推进到“系统演示”的申请" }).waitFor({ timeout: 8_000 });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("while a request waits for the manager, the open app asks the server every 30 seconds, not every five minutes", async () => {
  const b = await launch();
  try {
    const id = await requestDemo(b, "轮询审批电子厂");
    await decide(id, true, "同意");
    // No trigger at all: only the fast poll can bring the decision (well before 5 minutes).
    await outcome(b.page).filter({ hasText: "主管已批准推进到“系统演示”" }).waitFor({ timeout: 45_000 });
  } finally {
    await b.close();
  }
});

/** Waits until the connection pill is in `state` and shows `text`. */
async function expectPill(page, state, text) {
  await page.locator(`[data-testid="net-status"][data-state="${state}"]`).filter({ hasText: text }).waitFor({ timeout: 15_000 });
}

/** Sets the UI language on the More screen (signed in) and waits for it. */
async function setLang(page, lang) {
  await page.getByRole("link", { name: /^(更多|More)$/ }).click();
  await page.getByTestId("lang-select").selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/** Text that should be Chinese has no Latin letters (but "Wi-Fi"). */
function assertNoEnglish(text) {
  assert.ok(!/[A-Za-z]/.test(text.replace(/Wi-Fi/g, "")), `English in ${JSON.stringify(text)}`);
}

const PILL_UNREACHABLE = { "zh-Hans": "连不上服务器", "zh-Hant": "連不上伺服器", en: "No server" };
const SYNC_UNREACHABLE = {
  "zh-Hans": "连不上团队的服务器",
  "zh-Hant": "連不上團隊的伺服器",
  en: "Cannot reach the team's server",
};

test("when the server cannot be reached although the browser is online, the pill and the sync screen say so in every language", async () => {
  const b = await launch(NO_WORKER);
  try {
    await signIn(b.page, server.url);
    await expectPill(b.page, "online", "在线");
    await b.page.route("**/api/v1/**", (route) => route.abort("connectionrefused"));
    for (const lang of LANGS) {
      await setLang(b.page, lang);
      await b.page.getByTestId("sync-status").click();
      await b.page.getByTestId("sync-now").click();
      await expectPill(b.page, "unreachable", PILL_UNREACHABLE[lang]);
      const error = b.page.getByTestId("sync-error");
      await error.filter({ hasText: SYNC_UNREACHABLE[lang] }).waitFor({ timeout: 15_000 });
      const text = await error.textContent();
      assert.ok(!text.includes("Failed to fetch") && !text.includes("fetch"), text);
      if (lang !== "en") assertNoEnglish(text);
      await screenshot(b.page, `sync-live-unreachable-${lang.toLowerCase()}`);
    }
    // Reached again: the pill says so after the next request.
    await b.page.unroute("**/api/v1/**");
    await b.page.getByTestId("sync-now").click();
    await expectPill(b.page, "online", "Online");
    await b.page.getByTestId("sync-error").waitFor({ state: "detached", timeout: 15_000 });
  } finally {
    await b.close();
  }
});

test("a Wi-Fi sign-in page answering instead of the server shows as not reached, with what to do, on the sync screen", async () => {
  const b = await launch(NO_WORKER);
  try {
    await signIn(b.page, server.url);
    await b.page.route("**/api/v1/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<html><body>Hotel Wi-Fi: please sign in</body></html>" })
    );
    await b.page.getByTestId("sync-status").click();
    await b.page.getByTestId("sync-now").click();
    await expectPill(b.page, "unreachable", "连不上服务器");
    const error = b.page.getByTestId("sync-error");
    await error.filter({ hasText: "Wi-Fi 登录" }).waitFor({ timeout: 15_000 });
    const text = await error.textContent();
    assert.ok(!text.includes("200"), text);
    assertNoEnglish(text);
    await screenshot(b.page, "sync-live-wifi-portal-zh-hans");
  } finally {
    await b.close();
  }
});

const LOGIN_UNREACHABLE = SYNC_UNREACHABLE;
const LOGIN_SERVER = { "zh-Hans": "代码 500", "zh-Hant": "代碼 500", en: "code 500" };

test("the login screen says what went wrong and what to do, in every language, never the browser's or server's words", async () => {
  const b = await launch(NO_WORKER);
  try {
    await b.page.goto(server.url);
    // Nobody signed in yet: the pill still says whether the server answers.
    await expectPill(b.page, "online", "在线");
    let answer = "refused";
    await b.page.route("**/api/v1/auth/login", (route) =>
      answer === "refused"
        ? route.abort("connectionrefused")
        : answer === "portal"
          ? route.fulfill({ status: 200, contentType: "text/html", body: "<html>Wi-Fi login</html>" })
          : route.fulfill({
              status: 500,
              contentType: "application/json",
              body: JSON.stringify({ error: { code: "internal_error", message: "internal server error" } }),
            })
    );
    const error = b.page.getByTestId("login-error");
    const attempt = async () => {
      await b.page.getByTestId("login-username").fill("rep1");
      await b.page.getByTestId("login-password").fill("demo");
      await b.page.getByTestId("login-submit").click();
    };
    for (const lang of LANGS) {
      await b.page.getByTestId("lang-select").selectOption(lang);
      await b.page.waitForFunction((l) => document.documentElement.lang === l, lang);
      answer = "refused";
      await attempt();
      await error.filter({ hasText: LOGIN_UNREACHABLE[lang] }).waitFor({ timeout: 15_000 });
      await expectPill(b.page, "unreachable", PILL_UNREACHABLE[lang]);
      await screenshot(b.page, `login-error-unreachable-${lang.toLowerCase()}`);
      answer = "server";
      await attempt();
      await error.filter({ hasText: LOGIN_SERVER[lang] }).waitFor({ timeout: 15_000 });
      await screenshot(b.page, `login-error-server-${lang.toLowerCase()}`);
      answer = "portal";
      await attempt();
      await error.filter({ hasText: "Wi-Fi" }).waitFor({ timeout: 15_000 });
      for (const text of [await error.textContent()]) {
        assert.ok(!/fetch|internal|expected value/i.test(text), text);
        if (lang !== "en") assertNoEnglish(text);
      }
    }
  } finally {
    await b.close();
  }
});

test("on a Wi-Fi that answers every request with its sign-in page, the login screen's pill does not say online", async () => {
  const b = await launch(NO_WORKER);
  try {
    await b.page.route("**/api/v1/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<html>Hotel Wi-Fi</html>" })
    );
    await b.page.goto(server.url);
    await expectPill(b.page, "unreachable", "连不上服务器");
    await screenshot(b.page, "login-pill-unreachable-zh-hans");
  } finally {
    await b.close();
  }
});
