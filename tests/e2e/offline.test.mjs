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
    await page.getByTestId("capture-prospect").selectOption("new");
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
    await row.locator("summary").click();
    assert.equal(await row.getByTestId("note").count(), 2);
    assert.equal(await row.getByTestId("pending-badge").count(), 1);
    await screenshot(b.page, "offline-after-reload");

    // Online again: the outbox drains and the server has everything once.
    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    await b.page.getByTestId("sync-status").filter({ hasText: "已全部同步" }).waitFor();
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
    // Throttle the link so the push is still running when the page closes.
    const cdp = await b.context.newCDPSession(b.page);
    await b.context.setOffline(false);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 });
    await b.page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="sync-status"]');
      return el && Number(el.dataset.pending) < 501;
    }, null, { timeout: 60_000 });
    const left = Number(await b.page.getByTestId("sync-status").getAttribute("data-pending"));
    assert.ok(left > 0 && left < 501, `closed mid-push with ${left} changes still waiting`);
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
