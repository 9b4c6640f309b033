// Which prospect a note is about, at 360×740 (issue 17, points 1, 6 and 10): a new prospect
// whose name is already on the phone is named before it is saved (use the existing one or
// create anyway; nothing typed is lost); Prospects has an add button; the Capture tab never
// carries the last prospect over silently (only a draft in progress, said as such); and the
// sticky save bar never covers the note field that has the focus.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, expectPending, launch, screenshot, setLang, signIn, startServer } from "./lib/harness.mjs";

/** Demo prospects of rep1 (`tuoke-server serve --demo`). */
const HUAQIANG = { id: "0193a000-0000-7000-8000-000000000001", company: "深圳华强电子有限公司" };
const JINGGONG = { id: "0193a000-0000-7000-8000-000000000002", company: "东莞精工五金制品厂" };
const LANGS = ["zh-Hans", "zh-Hant", "en"];

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** The prospects named `company` on the server and the notes of `prospectId`. */
async function onServer(company, prospectId) {
  const changes = await (await api(server.url)).pullAll();
  return {
    prospects: changes.filter((c) => c.entity === "prospect" && c.data?.company === company).length,
    notes: changes.filter((c) => c.entity === "note" && c.data?.prospect_id === prospectId).map((c) => c.data.body),
  };
}

/**
 * Focuses the note field as a tap or the keyboard's Tab would (the browser scrolls it into
 * view), then measures it against the sticky save bar and the tab bar under it and the
 * status bar above: how many pixels of the field they hide.
 */
async function focusNoteAndMeasure(page) {
  await page.getByTestId("capture-note").focus();
  // Scrolling into view is synchronous with focus(); one frame lets sticky layout settle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const rect = (el) => el.getBoundingClientRect();
    const note = rect(document.querySelector('[data-testid="capture-note"]'));
    const bar = rect(document.querySelector(".capture-actions"));
    const tabs = rect(document.querySelector("nav.tab-bar"));
    const status = rect(document.querySelector(".status-bar"));
    const bottom = Math.min(bar.top, tabs.top);
    return {
      hiddenBelow: Math.max(0, note.bottom - bottom),
      hiddenAbove: Math.max(0, status.bottom - note.top),
      note: [Math.round(note.top), Math.round(note.bottom)],
      bar: [Math.round(bar.top), Math.round(bar.bottom)],
      active: document.activeElement?.dataset.testid,
    };
  });
}

function assertUncovered(m, state) {
  assert.equal(m.active, "capture-note", state);
  assert.ok(m.hiddenBelow <= 0.5 && m.hiddenAbove <= 0.5, `${state}: the note field is covered ${JSON.stringify(m)}`);
}

test("a new prospect named like one on the phone is named before saving, and using it moves the typed note there", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await expectPending(b.page, 0);
    // Prospects has an add button: it opens Capture on a new prospect's form.
    await b.page.getByRole("link", { name: "客户", exact: true }).click();
    await b.page.getByTestId("prospect-row").first().waitFor();
    await b.page.getByRole("link", { name: "新客户", exact: true }).click();
    await b.page.waitForURL(/\/capture\/new$/);
    await b.page.getByTestId("capture-new").waitFor();

    // The note first, then the company: the same name as a demo prospect.
    await b.page.getByTestId("capture-note").fill("门口见到了王总，约了下周交流");
    await b.page.getByTestId("capture-company").fill(HUAQIANG.company);
    await b.page.getByTestId("capture-contact").fill("王总");
    const warning = b.page.getByTestId("capture-duplicates");
    await warning.waitFor();
    const match = warning.getByTestId("capture-duplicate");
    assert.equal(await match.count(), 1);
    assert.equal(await match.getAttribute("data-id"), HUAQIANG.id);
    assert.match(await match.innerText(), /名称相同/);
    // A link opens the existing prospect.
    assert.equal(await match.getByRole("link", { name: HUAQIANG.company }).getAttribute("href"), `/prospects/${HUAQIANG.id}`);
    await screenshot(b.page, "capture-duplicate-zh-Hans");

    // Saving waits for the rep's choice (once) and keeps everything typed.
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "可能已有这个客户" }).waitFor();
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "门口见到了王总，约了下周交流");
    assert.equal(await b.page.getByTestId("capture-company").inputValue(), HUAQIANG.company);
    await expectPending(b.page, 0);

    // Using the existing one: it is chosen, the note moves with it, and saving puts it there.
    await match.getByTestId("capture-use-existing").click();
    await b.page.getByTestId("capture-chosen").filter({ hasText: HUAQIANG.company }).waitFor();
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "门口见到了王总，约了下周交流");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await expectPending(b.page, 0);
    const after = await onServer(HUAQIANG.company, HUAQIANG.id);
    assert.equal(after.prospects, 1, "no second 深圳华强电子有限公司");
    assert.deepEqual(after.notes, ["门口见到了王总，约了下周交流"]);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a similar name (region and legal form dropped) warns too, and 'create anyway' creates it", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await expectPending(b.page, 0);
    await b.page.goto(`${server.url}/capture/new`);
    await b.page.getByTestId("capture-company").fill("华强电子 (集团)");
    const match = b.page.getByTestId("capture-duplicate");
    await match.waitFor();
    assert.equal(await match.getAttribute("data-id"), HUAQIANG.id);
    assert.match(await match.innerText(), /名称相近/);
    // Another company's name: no warning.
    await b.page.getByTestId("capture-company").fill("华强科技");
    await b.page.getByTestId("capture-duplicates").waitFor({ state: "detached" });
    await b.page.getByTestId("capture-company").fill("华强电子 (集团)");
    await match.waitFor();
    await b.page.getByTestId("capture-note").fill("是另一家，同名不同厂");
    await b.page.getByTestId("capture-create-anyway").click();
    await b.page.getByTestId("capture-duplicates").waitFor({ state: "detached" });
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await b.page.getByTestId("capture-chosen").filter({ hasText: "华强电子 (集团)" }).waitFor();
    await expectPending(b.page, 0);
    assert.equal((await onServer("华强电子 (集团)")).prospects, 1);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the Capture tab starts with no prospect chosen, except a draft in progress said as such, easy to change", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-pick").filter({ hasText: HUAQIANG.company }).click();
    await b.page.getByTestId("capture-note").fill("第一条笔记");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();

    // Back from another tab: the last prospect is not carried over; the picker asks.
    await b.page.getByRole("link", { name: "今日" }).click();
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-picker").waitFor();
    assert.equal(await b.page.getByTestId("capture-chosen").count(), 0);
    assert.equal(await b.page.getByTestId("capture-note").count(), 0);

    // A draft in progress reopens, and says whose it is.
    await b.page.getByTestId("capture-pick").filter({ hasText: JINGGONG.company }).click();
    await b.page.getByTestId("capture-note").fill("写了一半的笔记");
    await b.page.getByRole("link", { name: "今日" }).click();
    await b.page.getByRole("link", { name: "记录" }).click();
    const chosen = b.page.getByTestId("capture-chosen").filter({ hasText: JINGGONG.company });
    await chosen.waitFor();
    assert.equal(await b.page.getByTestId("capture-resumed").innerText(), `继续写“${JINGGONG.company}”的草稿`);
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "写了一半的笔记");
    // The chosen prospect is hard to miss: its name in large type, its grade, a 44 px change button.
    const size = await b.page.getByTestId("capture-company-name").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 20, `company name ${size}px`);
    await b.page.getByTestId("capture-grade").waitFor();
    const change = b.page.getByTestId("capture-change");
    assert.equal(await change.innerText(), "更换客户");
    assert.ok((await change.boundingBox()).height >= 44);
    await screenshot(b.page, "capture-resumed-zh-Hans");
    await change.click();
    await b.page.getByTestId("capture-picker").waitFor();

    // From a prospect (its route), that prospect is chosen, not the draft's.
    await b.page.goto(`${server.url}/capture/${HUAQIANG.id}`);
    await b.page.getByTestId("capture-chosen").filter({ hasText: HUAQIANG.company }).waitFor();
    assert.equal(await b.page.getByTestId("capture-resumed").count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the add button, the chosen prospect and the duplicate warning read right in the three languages", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await expectPending(b.page, 0);
    const labels = { "zh-Hans": "新客户", "zh-Hant": "新客戶", en: "New prospect" };
    const titles = { "zh-Hans": "可能已有这个客户", "zh-Hant": "可能已有這個客戶", en: "This prospect may already exist" };
    for (const lang of LANGS) {
      await setLang(b.page, server.url, lang);
      await b.page.goto(`${server.url}/prospects`);
      await b.page.getByTestId("prospect-row").first().waitFor();
      const add = b.page.locator(".list-add");
      assert.equal((await add.innerText()).replace("＋", "").trim(), labels[lang]);
      const box = await add.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, JSON.stringify(box));
      await screenshot(b.page, `prospects-add-${lang}`);
      await add.click();
      await b.page.getByTestId("capture-company").fill(HUAQIANG.company);
      await b.page.getByTestId("capture-duplicates").filter({ hasText: titles[lang] }).waitFor();
      await screenshot(b.page, `capture-duplicate-${lang}`);
      await b.page.getByTestId("capture-use-existing").first().click();
      await b.page.getByTestId("capture-chosen").filter({ hasText: HUAQIANG.company }).waitFor();
      await screenshot(b.page, `capture-chosen-${lang}`);
      // Leave the new prospect's form empty for the next language.
      await b.page.goto(`${server.url}/capture/new`);
      await b.page.getByTestId("capture-company").fill("");
    }
    await setLang(b.page, server.url, "zh-Hans");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the sticky save bar never covers the note field that has the focus at 360×740", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await expectPending(b.page, 0);
    // No prospect chosen: no form, so no bar to cover anything.
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-picker").waitFor();
    assert.equal(await b.page.locator(".capture-actions").count(), 0);

    // The new prospect's form open: the note field is below it, near the bar.
    await b.page.getByTestId("capture-new-prospect").click();
    await b.page.getByTestId("capture-new").waitFor();
    assertUncovered(await focusNoteAndMeasure(b.page), "new prospect form");
    await screenshot(b.page, "capture-bar-new-focused");

    // A validation message in the bar (no company), then back to the note.
    await b.page.evaluate(() => window.scrollTo(0, 0));
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").waitFor();
    assertUncovered(await focusNoteAndMeasure(b.page), "validation message");
    await screenshot(b.page, "capture-bar-message-focused");

    // The longest message: a possible duplicate held the save.
    await b.page.evaluate(() => window.scrollTo(0, 0));
    await b.page.getByTestId("capture-company").fill(HUAQIANG.company);
    await b.page.getByTestId("capture-note").fill("草稿");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "可能已有这个客户" }).waitFor();
    await b.page.evaluate(() => window.scrollTo(0, 0));
    assertUncovered(await focusNoteAndMeasure(b.page), "duplicate message");
    await screenshot(b.page, "capture-bar-duplicate-focused");

    // A chosen prospect, the page scrolled to the end and back up.
    await b.page.getByTestId("capture-use-existing").first().click();
    await b.page.getByTestId("capture-chosen").waitFor();
    await b.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await b.page.getByTestId("capture-recent").waitFor();
    await b.page.evaluate(() => window.scrollTo(0, 0));
    assertUncovered(await focusNoteAndMeasure(b.page), "chosen prospect");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
