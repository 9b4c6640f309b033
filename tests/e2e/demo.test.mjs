// The demo a newcomer starts with (`serve --demo --demo-tour`, what scripts/run starts): rep1's
// Today has contacts due today and overdue with their quick actions and the month's plan under
// way, the manager has a request to decide; and the grade badge is the same badge (colour,
// letter, "?") in the list, Capture and the prospect's header, in the three languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, screenshot, setLang, signIn, startServer } from "./lib/harness.mjs";

const LANGS = ["zh-Hans", "zh-Hant", "en"];
// The tour's overdue A (long name) and the sample C to confirm.
const PANYU = { id: "0193a000-0000-7000-8000-000000000005", company: "广州番禺精密注塑模具科技股份有限公司（南沙分厂）" };
const JINGGONG = { id: "0193a000-0000-7000-8000-000000000002", company: "东莞精工五金制品厂" };

let server;
before(async () => {
  server = await startServer({ tour: true });
});
after(async () => {
  await server?.stop();
});

test("the demo tour gives rep1 contacts due today and overdue with call and note actions, and this month's contacts count toward the plan", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url, "rep1");
    for (const lang of LANGS) {
      await setLang(b.page, server.url, lang);
      await b.page.goto(`${server.url}/`);
      const due = b.page.getByTestId("due-entry");
      await b.page.locator('[data-testid="due-entry"] .due.overdue').first().waitFor({ timeout: 20_000 });
      await b.page.locator('[data-testid="due-entry"] .due.today').first().waitFor();
      const overdue = due.filter({ hasText: PANYU.company });
      await overdue.getByTestId("due-call").waitFor();
      assert.equal(await overdue.getByTestId("due-call").getAttribute("href"), "tel:02084000005");
      // The month's plan counts the visits and calls logged this month.
      await b.page.getByTestId("plan").waitFor();
      const days = await b.page.getByTestId("plan-row").evaluateAll((rows) => rows.map((r) => Number(r.dataset.days)));
      assert.ok(days.some((d) => d > 0), `plan days ${days}`);
      // A long name ends in an ellipsis instead of being cut: one line, text overflowing its box.
      const name = overdue.locator(".due-company");
      const style = await name.evaluate((e) => {
        const s = getComputedStyle(e);
        return { overflow: s.textOverflow, nowrap: s.whiteSpace, cut: e.scrollWidth > e.clientWidth };
      });
      assert.deepEqual(style, { overflow: "ellipsis", nowrap: "nowrap", cut: true });
      assert.ok(await b.page.evaluate(() => document.documentElement.scrollWidth <= 360));
      await screenshot(b.page, `demo-today-${lang}`);
      await b.page.getByTestId("plan").scrollIntoViewIfNeeded();
      await screenshot(b.page, `demo-today-plan-${lang}`);
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the demo tour gives the manager rep1's move to the exchange meeting to decide", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url, "manager1");
    const waiting = b.page.getByTestId("approvals-waiting").getByTestId("approval");
    await waiting.first().waitFor({ timeout: 20_000 });
    assert.ok((await waiting.count()) >= 1);
    await screenshot(b.page, "demo-manager-today");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

/** The grade badge's look: text, background colour, and what it says it means. */
async function badge(locator) {
  return locator.evaluate((e) => ({
    text: e.textContent,
    colour: getComputedStyle(e).backgroundColor,
    label: e.getAttribute("aria-label"),
  }));
}

test("one grade badge: the same colour per grade and the same 'C?' for a grade to confirm in the list, Capture and the header, explained in each language", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url, "rep1");
    const explains = { "zh-Hans": "确认", "zh-Hant": "確認", en: "confirmation" };
    for (const lang of LANGS) {
      await setLang(b.page, server.url, lang);
      // The list.
      await b.page.goto(`${server.url}/prospects`);
      const row = (id) => b.page.locator(`[data-testid="prospect-row"][data-id="${id}"] .grade`);
      await row(JINGGONG.id).waitFor({ timeout: 20_000 });
      const listC = await badge(row(JINGGONG.id));
      const listA = await badge(row(PANYU.id));
      assert.equal(listC.text, "C?");
      assert.equal(listA.text, "A");
      assert.ok(listC.label.includes(explains[lang]), listC.label);
      await screenshot(b.page, `badge-list-${lang}`);
      // Capture's picker and chosen prospect.
      await b.page.goto(`${server.url}/capture`);
      // Capture may still show the prospect chosen last: change it.
      await b.page.locator('[data-testid="capture-search"], [data-testid="capture-change"]').first().waitFor();
      if (await b.page.getByTestId("capture-change").isVisible()) await b.page.getByTestId("capture-change").click();
      await b.page.getByTestId("capture-search").fill("精工");
      const picked = b.page.getByTestId("capture-pick").filter({ hasText: JINGGONG.company });
      await picked.waitFor();
      assert.deepEqual(await badge(picked.getByTestId("capture-pick-grade")), listC);
      await screenshot(b.page, `badge-capture-${lang}`);
      await b.page.goto(`${server.url}/capture/${PANYU.id}`);
      const chosen = b.page.getByTestId("capture-grade");
      await chosen.waitFor();
      assert.deepEqual(await badge(chosen), listA);
      // The prospect's header: the same letter, "?" and colour, larger.
      await b.page.goto(`${server.url}/prospects/${JINGGONG.id}`);
      const header = b.page.getByTestId("header-grade");
      await header.waitFor();
      assert.deepEqual(await badge(header), listC);
      await screenshot(b.page, `badge-profile-${lang}`);
      await b.page.goto(`${server.url}/prospects/${PANYU.id}`);
      await b.page.getByTestId("prospect-title").waitFor();
      assert.deepEqual(await badge(b.page.getByTestId("header-grade")), listA);
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
