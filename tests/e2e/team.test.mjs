// Issue 17, points 2 and 8 end to end: the phone names colleagues from the cached team
// directory (who asked for an approval, who owns a prospect, a manager's filter by rep), also
// offline and in the three languages; and a visit note logged in Capture counts as a contact
// (the month's plan, the due list, the next contact due), offline and after the sync.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, daysAgo, expectPending, launch, prospectOf, pushAs, screenshot, setLang, signIn, startServer } from "./lib/harness.mjs";

const HUAQIANG = "深圳华强电子有限公司"; // demo, rep1, grade A (every 7 days)
const REP1 = "演示销售一"; // rep1's display name in the demo
const REP2 = "演示销售二";

/** The business day (UTC+8) `days` from now, as YYYY-MM-DD. */
function businessDay(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

/** Texts per language: the approval line, the owner line, the filter label. */
const TEXTS = {
  "zh-Hans": { asks: `${REP1} 申请推进到“交流”`, owner: `负责人：${REP1}`, filter: "负责人", mine: "负责人：我" },
  "zh-Hant": { asks: `${REP1} 申請推進到「交流」`, owner: `負責人：${REP1}`, filter: "負責人", mine: "負責人：我" },
  en: { asks: `${REP1} asks to move to “Exchange meeting”`, owner: `Owner: ${REP1}`, filter: "Owner", mine: "Owner: Me" },
};

test("a manager sees which rep asked, who owns a prospect and filters the list by rep, offline too and in three languages", async () => {
  const server = await startServer();
  const manager = await launch();
  const rep = await launch();
  try {
    const rep1 = await api(server.url, "rep1");
    const huaqiang = await prospectOf(rep1, HUAQIANG);
    const results = await pushAs(server.url, "rep1", [["stage.move", { prospect_id: huaqiang.id, to: "exchange", reason: "老板想直接开交流会" }]]);
    assert.deepEqual(results.map((r) => r.status), ["pending_approval"]);

    await signIn(manager.page, server.url, "manager1");
    const card = manager.page.getByTestId("approvals-waiting").getByTestId("approval").filter({ hasText: HUAQIANG });
    await card.getByTestId("approval-what").filter({ hasText: TEXTS["zh-Hans"].asks }).waitFor();

    // Offline, after a reload, the name still comes from the phone's copy of the team.
    await manager.context.setOffline(true);
    await manager.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await manager.page.reload();
    await card.getByTestId("approval-what").filter({ hasText: TEXTS["zh-Hans"].asks }).waitFor();
    await manager.context.setOffline(false);

    for (const lang of ["zh-Hans", "zh-Hant", "en"]) {
      const t = TEXTS[lang];
      await setLang(manager.page, server.url, lang);
      await manager.page.goto(`${server.url}/`);
      await card.getByTestId("approval-what").filter({ hasText: t.asks }).waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(manager.page, `team-approval-requester-${lang}`);

      await manager.page.goto(`${server.url}/prospects/${huaqiang.id}`);
      await manager.page.getByTestId("prospect-owner").filter({ hasText: t.owner }).waitFor();
      await screenshot(manager.page, `team-prospect-owner-${lang}`);

      // The manager's list holds rep1's and rep2's prospects: a filter by owner.
      await manager.page.goto(`${server.url}/prospects`);
      await manager.page.getByTestId("prospect-list").waitFor();
      const all = await manager.page.getByTestId("prospect-count").textContent();
      await manager.page.getByTestId("filters-toggle").click();
      const select = manager.page.getByTestId("filter-owner");
      await select.waitFor();
      assert.equal(await manager.page.locator('label[for="filter-owner"]').textContent(), t.filter);
      const names = await select.locator("option").allTextContents();
      assert.deepEqual(names.slice(1), [REP1, REP2]);
      await select.selectOption({ label: REP2 });
      // Only rep2's prospects are left.
      await manager.page.waitForFunction(
        ([before, company]) => {
          const count = document.querySelector('[data-testid="prospect-count"]')?.textContent;
          const rows = [...document.querySelectorAll('[data-testid="prospect-row"]')].map((r) => r.textContent);
          return count !== before && rows.length > 0 && rows.every((r) => !r.includes(company));
        },
        [all, HUAQIANG]
      );
      await screenshot(manager.page, `team-owner-filter-${lang}`);
      // Cleared (and remembered so) before the next language opens the list again.
      await manager.page.getByTestId("filters-clear").click();
      await manager.page.waitForFunction(
        (before) =>
          document.querySelector('[data-testid="prospect-count"]')?.textContent === before &&
          !new URL(location.href).searchParams.has("owner"),
        all
      );
    }

    // A rep's own prospect says "me", and a list of one owner offers no owner filter.
    await signIn(rep.page, server.url, "rep1");
    await rep.page.goto(`${server.url}/prospects/${huaqiang.id}`);
    await rep.page.getByTestId("prospect-owner").filter({ hasText: TEXTS["zh-Hans"].mine }).waitFor();
    await rep.page.goto(`${server.url}/prospects`);
    await rep.page.getByTestId("prospect-list").waitFor();
    await rep.page.getByTestId("filters-toggle").click();
    await rep.page.getByTestId("filter-grade").waitFor();
    assert.equal(await rep.page.getByTestId("filter-owner").count(), 0);
    assert.deepEqual(manager.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
    assert.deepEqual(rep.errors, []);
  } finally {
    await manager.close();
    await rep.close();
    await server.stop();
  }
});

test("a visit note logged offline in Capture counts a day in the month's plan and moves the next contact due, before and after the sync", async () => {
  const server = await startServer();
  const b = await launch();
  try {
    // Last contact with the A prospect seven days ago: due today.
    const rep1 = await api(server.url, "rep1");
    const huaqiang = await prospectOf(rep1, HUAQIANG);
    const results = await pushAs(server.url, "rep1", [
      ["activity.log", { id: crypto.randomUUID(), prospect_id: huaqiang.id, kind: "phone_call", at: daysAgo(7), summary: "" }],
    ]);
    assert.deepEqual(results.map((r) => r.status), ["applied"]);

    await signIn(b.page, server.url);
    const hq = b.page.getByTestId("due-entry").filter({ hasText: HUAQIANG });
    await hq.waitFor();
    const plan = b.page.getByTestId("plan-row").first();
    await plan.waitFor();
    const daysBefore = Number(await plan.getAttribute("data-days"));

    // Offline: a visit note in Capture.
    await b.context.setOffline(true);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await b.page.goto(`${server.url}/capture/${huaqiang.id}`);
    await b.page.getByTestId("capture-chosen").filter({ hasText: HUAQIANG }).waitFor();
    await b.page.locator("label.segment", { has: b.page.getByTestId("kind-visit") }).click();
    assert.equal(await b.page.getByTestId("kind-visit").isChecked(), true);
    await b.page.getByTestId("capture-note").fill("拜访王总：看了车间，下周演示");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();

    // Today: the prospect has left the due list and the plan counts the day.
    await b.page.getByRole("link", { name: "今日", exact: true }).click();
    const expectDays = (want) =>
      b.page.waitForFunction(
        (want) => document.querySelector('[data-testid="plan-row"]')?.dataset.days === String(want),
        want
      );
    await expectDays(daysBefore + 1);
    assert.equal(await hq.count(), 0);
    await b.page.getByTestId("plan").scrollIntoViewIfNeeded();
    await screenshot(b.page, "team-plan-after-visit-note-offline");

    // Online: the note reaches the server, which moves the last contact and the next due.
    await expectPending(b.page, 1);
    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    const after = await prospectOf(rep1, HUAQIANG);
    assert.equal(after.data.last_contact, businessDay());
    assert.equal(after.data.next_contact_due, businessDay(7));
    await b.page.reload();
    await expectDays(daysBefore + 1);
    assert.equal(await hq.count(), 0);
    for (const lang of ["zh-Hans", "zh-Hant", "en"]) {
      await setLang(b.page, server.url, lang);
      await b.page.goto(`${server.url}/`);
      await expectDays(daysBefore + 1);
      await b.page.getByTestId("plan").scrollIntoViewIfNeeded();
      await screenshot(b.page, `team-plan-after-visit-note-${lang}`);
    }
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.close();
    await server.stop();
  }
});
