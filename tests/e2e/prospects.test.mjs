// The Prospects list end to end: search as you type (company, contact, phone, product), the
// filters, the sort by next contact due, the list kept when coming back from a prospect, the
// Pipeline tab's links, and a virtual list that renders only the rows on screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { api, launch, screenshot, signIn, startServer } from "./lib/harness.mjs";

/** Pushes `prospect.put`s (and other mutations) as `client`; every one must apply. */
async function push(client, mutations) {
  const r = await client.post("/api/v1/sync/push", {
    client_id: crypto.randomUUID(),
    mutations: mutations.map(([name, args]) => ({ id: crypto.randomUUID(), name, args, at: new Date().toISOString() })),
  });
  assert.equal(r.status, 200);
  const { results } = await r.json();
  assert.deepEqual([...new Set(results.map((x) => x.status))], ["applied"], JSON.stringify(results.find((x) => x.status !== "applied")));
}

const put = (patch) => ["prospect.put", { id: crypto.randomUUID(), patch }];

// With the demo's 深圳华强电子有限公司 (A, event, in target) and 东莞精工五金制品厂 (C,
// telemarketing, in target), rep1 has these six.
const XINGHE = "杭州星河电机有限公司";
const SHUNDA = "佛山顺达工具厂";
const LANHAI = "厦门蓝海食品公司";
const MUJU = "温州精密模具厂";
const HUAQIANG = "深圳华强电子有限公司";
const JINGGONG = "东莞精工五金制品厂";

async function seed(url) {
  const rep1 = await api(url, "rep1");
  const shunda = put({
    company: SHUNDA, industry: "tools", annual_revenue_cny: 10_000_000, annual_profit_cny: 1_000_000,
    source: "telemarketing", products: "扳手 套筒", contacts: [{ name: "刘厂长", phone: "0757-22223333" }],
    informatized: false,
    qualification: { objective_need: true, subjective_need: true, determination: "high", feasibility_started: false, selection_started: false },
  });
  await push(rep1, [
    put({
      company: XINGHE, industry: "electrical_machinery", annual_revenue_cny: 80_000_000, annual_profit_cny: 6_000_000,
      source: "event", products: "伺服电机", contacts: [{ name: "陈工", phone: "13900001111" }], informatized: false,
      qualification: { objective_need: true, subjective_need: true, determination: "high", feasibility_started: true, selection_started: true },
    }),
    shunda,
    put({ company: LANHAI, industry: "other", source: "call_in", products: "冷冻水饺", contacts: [{ name: "周经理", phone: "0592-5556666" }] }),
    put({
      company: MUJU, source: "customer_referral", products: "注塑模具",
      qualification: { objective_need: false, subjective_need: false },
    }),
    // lead → first visit is an ordinary move.
    ["stage.move", { prospect_id: shunda[1].id, to: "first_visit" }],
  ]);
}

/** The companies of the rendered rows, in order. */
function companies(page) {
  return page.getByTestId("prospect-row").locator(".company").allTextContents();
}

/** Waits until the list holds exactly `want`, in order: its size (each row's
 * `aria-setsize`) is theirs, and the rows it renders are the first of them, at least the
 * first three (a virtual list renders only the rows near the screen, fewer when the filter
 * panel is open). */
async function expectRows(page, want) {
  await page.waitForFunction(
    (want) => {
      const rows = [...document.querySelectorAll('[data-testid="prospect-row"]')];
      const shown = rows.map((r) => r.querySelector(".company").textContent);
      return rows.length >= Math.min(want.length, 3)
        && rows.every((r) => r.getAttribute("aria-setsize") === String(want.length))
        && shown.every((c, i) => c === want[i]);
    },
    want,
    { timeout: 10_000 }
  ).catch(async (e) => {
    throw new Error(`rows ${JSON.stringify(await companies(page))}, wanted ${JSON.stringify(want)}: ${e.message}`);
  });
}

/** Types into the search box like a person (one key at a time). */
async function search(page, text) {
  const box = page.getByTestId("prospect-search");
  await box.fill("");
  await box.pressSequentially(text);
}

test("search finds prospects by company, contact, phone and product; each filter narrows; sorted by next contact due", async () => {
  const server = await startServer();
  await seed(server.url);
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "客户", exact: true }).click();
    // Sorted by next contact due: A every 7 days, then B and ungraded 14, C 30, D 90
    // (all created today; the same day sorts by company).
    const byDue = [XINGHE, HUAQIANG, SHUNDA, LANHAI, JINGGONG, MUJU];
    await expectRows(b.page, byDue);
    // All six fit on the screen: every one is rendered.
    assert.deepEqual(await companies(b.page), byDue);
    const dues = await b.page.getByTestId("prospect-row").evaluateAll((rows) => rows.map((r) => r.querySelector('[data-testid="prospect-due"]')?.textContent));
    assert.equal(dues.length, 6);
    await b.page.getByTestId("prospect-count").filter({ hasText: "6 个客户" }).waitFor();
    await screenshot(b.page, "prospects-list");

    await search(b.page, "星河");
    await expectRows(b.page, [XINGHE]);
    await search(b.page, "刘厂长");
    await expectRows(b.page, [SHUNDA]);
    await search(b.page, "5556666");
    await expectRows(b.page, [LANHAI]);
    await search(b.page, "0755-8300");
    await expectRows(b.page, [HUAQIANG]);
    await search(b.page, "模具");
    await expectRows(b.page, [MUJU]);
    await b.page.getByTestId("prospect-count").filter({ hasText: "1 个符合（共 6 个）" }).waitFor();
    await screenshot(b.page, "prospects-search");
    await search(b.page, "没有这个客户");
    await b.page.getByTestId("prospects-no-match").waitFor();
    await search(b.page, "");
    await expectRows(b.page, byDue);

    // Filters, each alone, then two together.
    await b.page.getByTestId("filters-toggle").click();
    const filter = async (id, value, want) => {
      await b.page.getByTestId(id).selectOption(value);
      await expectRows(b.page, want);
    };
    await filter("filter-grade", "A", [XINGHE, HUAQIANG]);
    await filter("filter-grade", "none", [LANHAI]);
    await filter("filter-grade", "", byDue);
    await filter("filter-stage", "first_visit", [SHUNDA]);
    await filter("filter-stage", "", byDue);
    await filter("filter-fit", "out", [SHUNDA, LANHAI]);
    await filter("filter-fit", "unknown", [MUJU]);
    await filter("filter-fit", "", byDue);
    await filter("filter-source", "telemarketing", [SHUNDA, JINGGONG]);
    await filter("filter-stage", "lead", [JINGGONG]);
    assert.equal(await b.page.getByTestId("filters-toggle").textContent(), "筛选与排序（2）");
    await screenshot(b.page, "prospects-filters");
    await b.page.getByTestId("filters-clear").click();
    await expectRows(b.page, byDue);
    assert.equal(await b.page.getByTestId("filter-source").inputValue(), "");
    await filter("sort", "company", [JINGGONG, SHUNDA, LANHAI, XINGHE, HUAQIANG, MUJU]);
    await filter("sort", "due", byDue);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.stop();
  }
});

test("the search and filters are kept when the rep opens a prospect and comes back, and Pipeline links filter by stage", async () => {
  const server = await startServer();
  await seed(server.url);
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "客户", exact: true }).click();
    await b.page.getByTestId("prospect-row").nth(5).waitFor();
    await search(b.page, "厂");
    await b.page.getByTestId("filters-toggle").click();
    await b.page.getByTestId("filter-source").selectOption("telemarketing");
    await expectRows(b.page, [SHUNDA, JINGGONG]);
    await b.page.waitForURL(/\/prospects\?.*source=telemarketing/);
    const row = b.page.getByTestId("prospect-row").filter({ hasText: SHUNDA });
    const id = await row.getAttribute("data-id");
    await row.getByRole("link").click();
    await b.page.waitForURL(new RegExp(`/prospects/${id}$`));
    await b.page.goBack();
    await expectRows(b.page, [SHUNDA, JINGGONG]);
    assert.equal(await b.page.getByTestId("prospect-search").inputValue(), "厂");
    // Through the tab bar too (the tab's last list is remembered).
    await b.page.getByRole("link", { name: "今日", exact: true }).click();
    await b.page.getByRole("link", { name: "客户", exact: true }).click();
    await expectRows(b.page, [SHUNDA, JINGGONG]);
    assert.equal(await b.page.getByTestId("prospect-search").inputValue(), "厂");

    // Pipeline: open prospects per stage and the outcomes; a stage opens the list of it.
    await b.page.getByRole("link", { name: "商机", exact: true }).click();
    const stage = (code) => b.page.locator(`[data-testid="pipeline-stage"][data-stage="${code}"]`);
    await stage("lead").waitFor();
    assert.equal(await stage("lead").getAttribute("data-count"), "5");
    assert.equal(await stage("first_visit").getAttribute("data-count"), "1");
    assert.equal(await stage("signed").getAttribute("data-count"), "0");
    await screenshot(b.page, "pipeline");
    await stage("first_visit").getByRole("link").click();
    await b.page.waitForURL(/\/prospects\?stage=first_visit$/);
    await expectRows(b.page, [SHUNDA]);
    assert.equal(await b.page.getByTestId("prospect-search").inputValue(), "");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.stop();
  }
});

test("with 2,000 more prospects the list renders only the rows on screen and scrolling shows later ones", async () => {
  const server = await startServer();
  const rep1 = await api(server.url, "rep1");
  for (let batch = 0; batch < 4; batch++) {
    const mutations = [];
    for (let i = batch * 500; i < (batch + 1) * 500; i++) {
      const n = String(i).padStart(4, "0");
      mutations.push(put({ company: `批量测试厂 ${n}`, products: `产品 ${n}`, contacts: [{ name: `联系人 ${n}`, phone: `0571-8${n}000` }] }));
    }
    await push(rep1, mutations);
  }
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "客户", exact: true }).click();
    await b.page.getByTestId("prospect-count").filter({ hasText: "2002 个客户" }).waitFor({ timeout: 60_000 });
    // The demo A prospect (due in 7 days) first, the 2,000 new ones (ungraded, 14 days), the demo C last.
    await b.page.getByTestId("prospect-row").filter({ hasText: HUAQIANG }).waitFor();
    const rendered = await b.page.getByTestId("prospect-row").count();
    assert.ok(rendered > 5 && rendered <= 40, `${rendered} rows in the DOM`);
    await screenshot(b.page, "prospects-2000-top");

    await b.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await b.page.getByTestId("prospect-row").filter({ hasText: JINGGONG }).waitFor();
    await b.page.getByTestId("prospect-row").filter({ hasText: "批量测试厂 1999" }).waitFor();
    assert.equal(await b.page.getByTestId("prospect-row").filter({ hasText: HUAQIANG }).count(), 0);
    const after = await b.page.getByTestId("prospect-row").count();
    assert.ok(after <= 40, `${after} rows in the DOM after scrolling`);
    // The last row is on screen, above the tab bar.
    const last = await b.page.getByTestId("prospect-row").filter({ hasText: JINGGONG }).boundingBox();
    const tabBar = await b.page.locator("nav.tab-bar").boundingBox();
    assert.ok(last.y + last.height <= tabBar.y + 1, "the last row is not hidden under the tab bar");
    await screenshot(b.page, "prospects-2000-bottom");

    // Halfway down, then a search: the list starts over at its top with the match.
    await b.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    await b.page.getByTestId("prospect-row").filter({ hasText: "批量测试厂 10" }).first().waitFor();
    await search(b.page, "联系人 1234");
    await expectRows(b.page, ["批量测试厂 1234"]);
    assert.equal(await b.page.evaluate(() => window.scrollY), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.stop();
  }
});
