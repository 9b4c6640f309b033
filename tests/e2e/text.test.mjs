// Text a new user tripped over: a 5,000-character note collapses to a few lines with a
// translated show more / show less; revenue of 99,999,999 亿 and a billion employees are
// warned about under their fields (translated) and still saved as typed; zh-Hant screens say
// what Taiwan says (老闆, 資訊, 儲存…), not the mainland words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, expectPending, launch, pushAs, screenshot, setLang, signIn, startServer } from "./lib/harness.mjs";

const LANGS = ["zh-Hans", "zh-Hant", "en"];
const TOGGLE = {
  "zh-Hans": ["展开", "收起"],
  "zh-Hant": ["展開", "收合"],
  en: ["Show more", "Show less"],
};

let server;
let rep;
before(async () => {
  server = await startServer({ tour: true });
  rep = await api(server.url, "rep1");
});
after(async () => {
  await server?.stop();
});

test("a 5,000-character note shows a few lines with a translated show more, and shows in full after it", async () => {
  const id = crypto.randomUUID();
  const body = "客户详细介绍了生产、仓储与财务流程，".repeat(278).slice(0, 5000);
  await pushAs(server.url, "rep1", [
    ["prospect.put", { id, patch: { company: "长篇笔记测试有限公司" } }],
    ["note.add", { id: crypto.randomUUID(), prospect_id: id, body, kind: "visit", taken_at: new Date().toISOString() }],
  ]);
  const b = await launch();
  try {
    await signIn(b.page, server.url, "rep1");
    for (const lang of LANGS) {
      await setLang(b.page, server.url, lang);
      await b.page.goto(`${server.url}/prospects/${id}/activity`);
      const note = b.page.locator('[data-testid="timeline-entry"][data-kind="note"]');
      await note.waitFor({ timeout: 20_000 });
      const text = note.getByTestId("entry-body");
      assert.equal(await text.getAttribute("data-collapsed"), "true");
      const collapsed = (await text.boundingBox()).height;
      assert.ok(collapsed < 160, `collapsed note is ${collapsed}px high`);
      const toggle = note.getByTestId("text-toggle");
      assert.equal(await toggle.innerText(), TOGGLE[lang][0]);
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      await note.scrollIntoViewIfNeeded();
      await screenshot(b.page, `note-collapsed-${lang}`);
      await toggle.click();
      await b.page.waitForFunction(() => document.querySelector('[data-testid="entry-body"]')?.dataset.collapsed === "false");
      assert.equal(await toggle.innerText(), TOGGLE[lang][1]);
      assert.ok((await text.boundingBox()).height > collapsed * 5);
      assert.equal((await text.textContent()).length, 5000);
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("revenue of 99,999,999 亿 and a billion employees are warned about under their fields in each language, and save as typed", async () => {
  const warns = {
    "zh-Hans": [/1 万亿元/, /50 万人/],
    "zh-Hant": [/1 兆元/, /50 萬人/],
    en: [/1 trillion/, /500,000/],
  };
  const b = await launch();
  try {
    await signIn(b.page, server.url, "rep1");
    for (const lang of LANGS) {
      const id = crypto.randomUUID();
      await pushAs(server.url, "rep1", [["prospect.put", { id, patch: { company: `规模测试 ${lang}`, industry: "machinery" } }]]);
      await setLang(b.page, server.url, lang);
      await b.page.goto(`${server.url}/prospects/${id}`);
      await b.page.getByTestId("prospect-title").waitFor({ timeout: 20_000 });
      await b.page.getByTestId("profile-edit").click();
      await b.page.getByTestId("field-annual_revenue_cny").fill("1.2亿");
      await b.page.getByTestId("field-employees").fill("450");
      assert.equal(await b.page.getByTestId("warning-annual_revenue_cny").count(), 0);
      assert.equal(await b.page.getByTestId("warning-employees").count(), 0);
      await b.page.getByTestId("field-annual_revenue_cny").fill("99,999,999亿");
      await b.page.getByTestId("field-employees").fill("999999999");
      const revenue = b.page.getByTestId("warning-annual_revenue_cny");
      const employees = b.page.getByTestId("warning-employees");
      await revenue.waitFor();
      await employees.waitFor();
      assert.match(await revenue.innerText(), warns[lang][0]);
      assert.match(await employees.innerText(), warns[lang][1]);
      await screenshot(b.page, `plausibility-warning-${lang}`);
      // A warning, not an error: saving works and keeps what was typed.
      await b.page.getByTestId("profile-save").click();
      await b.page.getByTestId("save-feedback").waitFor();
      await expectPending(b.page, 0);
      const saved = (await rep.pullAll()).filter((c) => c.entity === "prospect" && c.id === id).at(-1)?.data;
      assert.equal(saved.employees, 999_999_999);
      assert.equal(saved.annual_revenue_cny, 99_999_999 * 100_000_000);
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("zh-Hant screens say 關鍵資訊, 老闆 and 儲存, never the mainland 信息, 老板 or 保存", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url, "rep1");
    await setLang(b.page, server.url, "zh-Hant");
    const id = "0193a000-0000-7000-8000-000000000005";
    const found = [];
    for (const screen of ["/", `/prospects/${id}`, `/prospects/${id}/keyinfo`, `/prospects/${id}/stage`, "/capture", "/playbooks"]) {
      await b.page.goto(`${server.url}${screen}`);
      await b.page.locator("main h1").first().waitFor({ timeout: 20_000 });
      if (screen.startsWith("/prospects/")) await b.page.getByTestId("prospect-title").waitFor();
      const text = await b.page.locator("main").innerText();
      for (const word of ["信息", "老板", "保存", "軟件", "數據", "審批"]) {
        if (text.includes(word)) found.push(`${screen}: ${word}`);
      }
    }
    assert.deepEqual(found, []);
    await b.page.goto(`${server.url}/prospects/${id}/keyinfo`);
    await b.page.getByText("關鍵資訊").first().waitFor();
    await screenshot(b.page, "text-zh-Hant-keyinfo");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
