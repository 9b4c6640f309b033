// The offline data layer end to end: a demo rep signs in, works offline (data survives a
// reload), comes back online, and the server receives every change exactly once — also when
// the page is closed in the middle of pushing 500 changes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, expectPending, launch, screenshot, signIn, startServer } from "./lib/harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Fills the capture form: a new prospect (when `company` is given) and a note. */
async function capture(page, { company, contact, phone, note }) {
  await page.getByRole("link", { name: "记录" }).click();
  if (company) {
    await page.getByTestId("capture-new-prospect").click();
    await page.getByTestId("capture-company").fill(company);
    if (contact) await page.getByTestId("capture-contact").fill(contact);
    if (phone) await page.getByTestId("capture-phone").fill(phone);
  }
  await page.getByTestId("capture-note").fill(note);
  await page.getByTestId("capture-save").click();
  await page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
}

function countBy(changes, entity, pred) {
  return changes.filter((c) => c.entity === entity && c.data && pred(c.data)).length;
}

test("offline: a prospect with two notes survives a reload and reaches the server exactly once", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.context.setOffline(true);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await capture(b.page, { company: "离线测试机械厂", contact: "王厂长", phone: "0755-1234567", note: "第一次拜访：老板对库存管理很感兴趣" });
    await capture(b.page, { note: "第二条：下周带演示" });
    await expectPending(b.page, 3);
    await screenshot(b.page, "offline-capture-saved");

    // Still offline: a reload is served by the service worker and the data is still there.
    await b.page.reload();
    await expectPending(b.page, 3);
    await b.page.getByRole("link", { name: "客户" }).click();
    const row = b.page.getByTestId("prospect-row").filter({ hasText: "离线测试机械厂" });
    await row.waitFor();
    assert.equal(await row.getByTestId("pending-badge").count(), 1);
    await screenshot(b.page, "offline-list-pending");
    // The prospect's activity shows both notes, not yet synced.
    await row.getByRole("link").click();
    await b.page.getByTestId("section-activity").click();
    const shown = b.page.locator('[data-testid="timeline-entry"][data-kind="note"]');
    await shown.nth(1).waitFor();
    assert.equal(await shown.count(), 2);
    assert.equal(await shown.getByTestId("pending-badge").count(), 2);
    await screenshot(b.page, "offline-after-reload");

    // Online again: the outbox drains and the server has everything once.
    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    await b.page.getByTestId("sync-status").filter({ hasText: "已同步" }).waitFor();
    await screenshot(b.page, "offline-synced");
    const changes = await (await api(server.url)).pullAll();
    assert.equal(countBy(changes, "prospect", (d) => d.company === "离线测试机械厂"), 1);
    const prospect = changes.find((c) => c.entity === "prospect" && c.data?.company === "离线测试机械厂");
    const notes = changes.filter((c) => c.entity === "note" && c.data?.prospect_id === prospect.id);
    assert.deepEqual(notes.map((n) => n.data.body).sort(), ["第一次拜访：老板对库存管理很感兴趣", "第二条：下周带演示"].sort());
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.close();
  }
});

test("closing the page in the middle of pushing 500 changes loses and doubles nothing", async () => {
  const b = await launch();
  const company = "五百条笔记测试厂";
  try {
    await signIn(b.page, server.url);
    await b.context.setOffline(true);
    await capture(b.page, { company, note: "笔记 0" });
    // 499 more notes through the form, as fast as the page takes them.
    await b.page.evaluate(async (n) => {
      const note = document.querySelector('[data-testid="capture-note"]');
      const save = document.querySelector('[data-testid="capture-save"]');
      const idle = () => new Promise((resolve) => {
        const check = () => (save.disabled ? setTimeout(check, 1) : resolve());
        check();
      });
      for (let i = 1; i <= n; i++) {
        note.value = `笔记 ${i}`;
        save.click();
        await new Promise((r) => setTimeout(r, 0));
        await idle();
      }
    }, 499);
    await expectPending(b.page, 501);
    // The push reaches the server, which applies it, but its answer is held back from the
    // page: the page closes while it waits for the answer, the moment when a resend could
    // double everything.
    let answered;
    const serverAnswered = new Promise((resolve) => (answered = resolve));
    await b.page.route("**/api/v1/sync/push", async (route) => {
      const answer = await route.fetch();
      answered(answer.status());
      // Neither fulfilled nor continued: the page never hears the answer.
    });
    await b.context.setOffline(false);
    assert.equal(await serverAnswered, 200);
    const applied = await (await api(server.url)).pullAll();
    const pushed = applied.find((c) => c.entity === "prospect" && c.data?.company === company);
    assert.equal(applied.filter((c) => c.entity === "note" && c.data?.prospect_id === pushed?.id).length, 500,
      "the server applied the push before the page closed");
    const left = Number(await b.page.getByTestId("sync-status").getAttribute("data-pending"));
    assert.equal(left, 501, "closed before the push was answered");
    await b.page.close();
    // Reopen: the rest is pushed; nothing twice.
    const page = await b.context.newPage();
    await page.goto(server.url);
    await expectPending(page, 0, 90_000);
    await screenshot(page, "offline-500-synced");
    const changes = await (await api(server.url)).pullAll();
    const prospects = changes.filter((c) => c.entity === "prospect" && c.data?.company === company);
    assert.equal(prospects.length, 1);
    const bodies = changes.filter((c) => c.entity === "note" && c.data?.prospect_id === prospects[0].id).map((c) => c.data.body);
    assert.equal(bodies.length, 500);
    assert.equal(new Set(bodies).size, 500);
  } finally {
    await b.close();
  }
});

/** The app's bearer token, read from its IndexedDB session row. */
async function appToken(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("tuoke");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction("session").objectStore("session").get("current");
      get.onsuccess = () => { resolve(get.result?.token); open.result.close(); };
      get.onerror = () => reject(get.error);
    };
  }));
}

test("an expired session keeps the waiting changes, asks to sign in again, then syncs them", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.context.setOffline(true);
    await capture(b.page, { company: "过期会话测试厂", note: "会话过期前的笔记" });
    await expectPending(b.page, 2);
    // The token is revoked on the server while the phone is offline (as an expiry would).
    const token = await appToken(b.page);
    assert.ok(token);
    const out = await fetch(`${server.url}/api/v1/auth/logout`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    assert.equal(out.status, 204);
    await b.context.setOffline(false);
    await b.page.getByRole("link", { name: /未同步/ }).click();
    await b.page.getByTestId("sync-error").filter({ hasText: "登录已过期" }).waitFor({ timeout: 30_000 });
    await expectPending(b.page, 2);
    await screenshot(b.page, "offline-session-expired");
    await b.page.getByRole("button", { name: "重新登录" }).click();
    await b.page.getByTestId("login-password").fill("demo");
    assert.equal(await b.page.getByTestId("login-username").inputValue(), "rep1", "the username is kept");
    await b.page.getByTestId("login-submit").click();
    await expectPending(b.page, 0);
    const changes = await (await api(server.url)).pullAll();
    assert.equal(countBy(changes, "prospect", (d) => d.company === "过期会话测试厂"), 1);
    assert.equal(countBy(changes, "note", (d) => d.body === "会话过期前的笔记"), 1);
  } finally {
    await b.close();
  }
});

test("signing out warns about unsynced changes and can be cancelled", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.context.setOffline(true);
    await capture(b.page, { company: "退出警告测试厂", note: "未同步" });
    await b.page.goto(`${server.url}/sync`);
    await b.page.getByTestId("logout").click();
    await b.page.getByTestId("logout-warning").filter({ hasText: "还有 2 条更改未同步" }).waitFor();
    await screenshot(b.page, "offline-logout-warning");
    await b.page.getByRole("button", { name: "取消" }).click();
    await expectPending(b.page, 2);
    // Online and synced, signing out wipes the phone's copy and shows the login screen.
    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    await b.page.getByTestId("logout").click();
    await b.page.getByTestId("logout-warning").filter({ hasText: "清除本机" }).waitFor();
    await b.page.getByTestId("logout-confirm").click();
    await b.page.getByTestId("login-username").waitFor({ timeout: 15_000 });
    // A fresh, empty database: the previous user's prospects are gone from the phone.
    assert.equal(await b.page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open("tuoke");
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains("records")) { resolve(0); db.close(); return; }
        const count = db.transaction("records").objectStore("records").count();
        count.onsuccess = () => { resolve(count.result); db.close(); };
      };
    })), 0);
  } finally {
    await b.close();
  }
});

test("two tabs: one syncs, a change saved in the other is synced and shown in both", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    const second = await b.context.newPage();
    await second.goto(`${server.url}/capture`);
    await second.getByTestId("capture-picker").waitFor();
    await capture(second, { company: "双标签页测试厂", note: "第二个标签页写的" });
    // The first tab holds the sync lock: it pushes the change and both tabs see it synced.
    await expectPending(b.page, 0);
    await expectPending(second, 0);
    await b.page.getByRole("link", { name: "客户" }).click();
    await b.page.getByTestId("prospect-row").filter({ hasText: "双标签页测试厂" }).waitFor();
    const changes = await (await api(server.url)).pullAll();
    assert.equal(countBy(changes, "prospect", (d) => d.company === "双标签页测试厂"), 1);
    await second.close();
  } finally {
    await b.close();
  }
});

test("a change the server refuses is listed in Chinese with why and what to do until the rep dismisses it", async () => {
  const b = await launch();
  const company = "转移客户测试厂";
  try {
    await signIn(b.page, server.url);
    await capture(b.page, { company, note: "转移前的笔记" });
    await expectPending(b.page, 0);
    // Offline, the rep writes another note; meanwhile the manager hands the prospect to rep2.
    await b.context.setOffline(true);
    await capture(b.page, { note: "转移后才同步的笔记" });
    const rep1 = await api(server.url);
    const prospect = (await rep1.pullAll()).find((c) => c.entity === "prospect" && c.data?.company === company);
    const moved = await (await api(server.url, "manager1")).post(`/api/v1/prospects/${prospect.id}/transfer`, { to: "rep2" });
    assert.equal(moved.status, 200);
    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    await b.page.getByTestId("sync-status").filter({ hasText: "⚠" }).waitFor();
    await b.page.getByRole("link", { name: /⚠/ }).click();
    const refused = b.page.getByTestId("sync-rejected");
    await refused.waitFor();
    // In Chinese: what the change was, why it was refused and what to do; no English.
    const text = await refused.textContent();
    assert.match(text, /笔记/);
    assert.match(text, /这个客户已不在你名下.*请联系主管/);
    assert.doesNotMatch(text, /[A-Za-z]{3,}/, text);
    assert.equal(await refused.locator("li").getAttribute("data-code"), "not_visible");
    await screenshot(b.page, "offline-rejected");
    await refused.getByRole("button", { name: "知道了" }).click();
    await refused.waitFor({ state: "detached" });
    // The note did not arrive; the first one went with the prospect to rep2.
    const rep2 = await (await api(server.url, "rep2")).pullAll();
    assert.deepEqual(rep2.filter((c) => c.entity === "note" && c.data?.prospect_id === prospect.id).map((c) => c.data.body), ["转移前的笔记"]);
  } finally {
    await b.close();
  }
});
