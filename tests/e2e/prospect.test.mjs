// The prospect screen's Profile, Key info and Grade sections end to end at 360×740: a demo
// prospect opened from its URL, profile edits that reach the server once and survive a
// reload, contacts with tap-to-call, key-information completeness and "ask next", the
// grading questionnaire with its explanation, an override with its reason, and the screen
// in English and traditional Chinese.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, expectPending, launch, screenshot, signIn, startServer, waitForServiceWorker } from "./lib/harness.mjs";

let server;
let rep;
before(async () => {
  server = await startServer();
  rep = await api(server.url);
});
after(async () => {
  await server?.stop();
});

/** The demo prospect named `company`, as the server holds it now. */
async function serverProspect(company) {
  const changes = await rep.pullAll();
  const found = changes.filter((c) => c.entity === "prospect" && c.data?.company === company);
  assert.ok(found.length > 0, `no prospect ${company} on the server`);
  return found[found.length - 1];
}

/** The field history the server keeps for a prospect (every overwritten value). */
async function fieldHistory(id) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "rep1", password: "demo" }),
  });
  const { token } = await login.json();
  const r = await fetch(`${server.url}/api/v1/prospects/${id}/history`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  return r.json();
}

/** A new prospect made through the API (so each test starts from a known record). */
async function createProspect(patch) {
  const id = crypto.randomUUID();
  const r = await rep.post("/api/v1/sync/push", {
    client_id: crypto.randomUUID(),
    mutations: [{ id: crypto.randomUUID(), name: "prospect.put", args: { id, patch }, at: new Date().toISOString() }],
  });
  const body = await r.json();
  assert.equal(body.results[0].status, "applied", JSON.stringify(body));
  return id;
}

/** Every `prospect.put` the page pushes, as sent. */
function recordPuts(page) {
  const puts = [];
  page.on("request", (req) => {
    if (req.url().endsWith("/api/v1/sync/push") && req.method() === "POST") {
      for (const m of JSON.parse(req.postData() ?? "{}").mutations ?? []) {
        if (m.name === "prospect.put") puts.push(m);
      }
    }
  });
  return puts;
}

async function openProspect(page, id, section) {
  await page.goto(`${server.url}/prospects/${id}${section ? `/${section}` : ""}`);
  await page.getByTestId("prospect-title").waitFor({ timeout: 15_000 });
}

/** Taps a segmented choice (the radio's label is what a thumb hits). */
const choose = (page, testid) => page.locator(`[data-testid="${testid}"] + label`).click();

const saved = (page) => page.getByTestId("save-feedback").filter({ hasText: "已保存到本机" }).waitFor();

test("a demo prospect opened from its URL shows its profile, target-fit badge and a tap-to-call contact", async () => {
  const b = await launch();
  try {
    const p = await serverProspect("深圳华强电子有限公司");
    await signIn(b.page, server.url);
    await openProspect(b.page, p.id);
    await b.page.getByTestId("prospect-title").filter({ hasText: "深圳华强电子有限公司" }).waitFor();
    assert.equal(await b.page.getByTestId("header-grade").getAttribute("data-grade"), "A");
    assert.equal(await b.page.getByTestId("header-fit").getAttribute("data-fit"), "in");
    assert.match(await b.page.getByTestId("header-stage").innerText(), /名单/);
    await b.page.getByTestId("fit-badge").filter({ hasText: "目标市场内" }).waitFor();
    assert.match(await b.page.getByTestId("fact-annual_revenue_cny").innerText(), /1\.2 亿元\s+¥120,000,000/);
    assert.match(await b.page.getByTestId("fact-industry").innerText(), /电子/);
    const call = b.page.getByTestId("contact-call");
    assert.equal(await call.getAttribute("href"), "tel:075583000001");
    assert.equal(await b.page.getByTestId("section-overview").getAttribute("aria-current"), "page");
    assert.equal(await b.page.getByTestId("section-grade").getAttribute("aria-current"), null);
    // Nothing sticks out sideways at 360 px.
    assert.ok(await b.page.evaluate(() => document.documentElement.scrollWidth <= 360));
    await screenshot(b.page, "prospect-profile");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a profile edit sends only the changed fields, once; bad input is refused next to its field and kept", async () => {
  const b = await launch();
  const puts = recordPuts(b.page);
  try {
    const id = await createProspect({ company: "佛山顺达机械有限公司", industry: "machinery", employees: 300, region: "华南" });
    await signIn(b.page, server.url);
    await openProspect(b.page, id);
    await b.page.getByTestId("fit-badge").filter({ hasText: "符合度未知" }).waitFor();
    assert.match(await b.page.getByTestId("fit-reasons").innerText(), /年营业额未填写/);

    await b.page.getByTestId("profile-edit").click();
    // The company name is required (the core's rule); nothing typed elsewhere is lost.
    await b.page.getByTestId("field-company").fill(" ");
    await b.page.getByTestId("field-region").fill("广东佛山");
    await b.page.getByTestId("profile-save").click();
    await b.page.getByTestId("error-company").filter({ hasText: "必填" }).waitFor();
    assert.equal(await b.page.getByTestId("field-region").inputValue(), "广东佛山");
    await b.page.getByTestId("field-company").fill("佛山顺达机械有限公司");
    await b.page.getByTestId("field-region").fill("华南");
    await b.page.getByTestId("field-employees").fill("三百五");
    await b.page.getByTestId("field-annual_revenue_cny").fill("1.5亿");
    await b.page.getByTestId("preview-annual_revenue_cny").filter({ hasText: "1.5 亿元" }).waitFor();
    await b.page.getByTestId("field-annual_profit_cny").fill("800万");
    await b.page.getByTestId("profile-save").click();
    const error = b.page.getByTestId("error-employees");
    await error.waitFor();
    assert.equal(await error.getAttribute("role"), "alert");
    assert.match(await error.innerText(), /整数/);
    // What was typed is still there.
    assert.equal(await b.page.getByTestId("field-annual_revenue_cny").inputValue(), "1.5亿");
    await screenshot(b.page, "prospect-profile-error");

    await b.page.getByTestId("field-employees").fill("350");
    await b.page.getByTestId("profile-save").click();
    await saved(b.page);
    await b.page.getByTestId("fact-employees").filter({ hasText: "350" }).waitFor();
    await b.page.getByTestId("fit-badge").filter({ hasText: "目标市场内" }).waitFor();
    await screenshot(b.page, "prospect-profile-saved");
    await expectPending(b.page, 0);

    assert.equal(puts.length, 1, JSON.stringify(puts));
    assert.deepEqual(Object.keys(puts[0].args.patch).sort(), ["annual_profit_cny", "annual_revenue_cny", "employees"]);
    const p = (await rep.pullAll()).find((c) => c.id === id).data;
    assert.equal(p.annual_revenue_cny, 150_000_000);
    assert.equal(p.annual_profit_cny, 8_000_000);
    assert.equal(p.employees, 350);
    assert.equal(p.region, "华南");
    assert.equal(p.target_fit.status, "in");
    const history = await fieldHistory(id);
    const mine = history.filter((h) => h.mutation_id === puts[0].id);
    assert.deepEqual(mine.map((h) => h.field).sort(), ["annual_profit_cny", "annual_revenue_cny", "employees"]);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a profile edit and an override made offline survive a reload and sync once the phone is back online", async () => {
  const b = await launch();
  try {
    const id = await createProspect({ company: "中山恒通电器厂" });
    await signIn(b.page, server.url);
    await waitForServiceWorker(b.page);
    await openProspect(b.page, id);
    await b.context.setOffline(true);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await b.page.getByTestId("profile-edit").click();
    await b.page.getByTestId("field-current_system").fill("用友 T3");
    await choose(b.page, "field-informatized-true");
    await b.page.getByTestId("profile-save").click();
    await saved(b.page);
    await b.page.getByTestId("pending-badge").waitFor();

    // Offline reload: the service worker serves the app, IndexedDB still has the edit.
    await b.page.reload();
    await b.page.getByTestId("fact-current_system").filter({ hasText: "用友 T3" }).waitFor({ timeout: 15_000 });
    await b.page.getByTestId("pending-badge").waitFor();
    await expectPending(b.page, 1);
    await screenshot(b.page, "prospect-profile-offline");

    // The grade history shows the override as the pending newest entry until it syncs.
    await b.page.getByTestId("section-grade").click();
    await b.page.getByTestId("override-start").click();
    await choose(b.page, "field-grade_override.grade-B");
    await b.page.getByTestId("field-grade_override.reason").fill("已上用友，合同年底到期");
    await b.page.getByTestId("override-save").click();
    await saved(b.page);
    const entry = b.page.getByTestId("history-entry").first();
    await entry.waitFor();
    assert.equal(await entry.getAttribute("data-pending"), "true");
    assert.match(await entry.innerText(), /由 未分级 变为 B/);
    await expectPending(b.page, 2);
    await entry.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await screenshot(b.page, "prospect-grade-pending-history");

    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    const p = (await rep.pullAll()).find((c) => c.id === id).data;
    assert.equal(p.current_system, "用友 T3");
    assert.equal(p.informatized, true);
    assert.deepEqual(p.grade_override, { grade: "B", reason: "已上用友，合同年底到期" });
    const history = await fieldHistory(id);
    assert.equal(history.filter((h) => h.field === "current_system").length, 1);
    assert.equal(history.filter((h) => h.field === "grade_override").length, 1);
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.close();
  }
});

test("contacts: a blank name is refused by the core's rule, a new contact gets a tel: link, and one can be removed", async () => {
  const b = await launch();
  try {
    const id = await createProspect({ company: "惠州联创电子" });
    await signIn(b.page, server.url);
    await openProspect(b.page, id);
    await b.page.getByTestId("contacts-empty").waitFor();
    await b.page.getByTestId("contact-add").click();
    await b.page.getByTestId("field-contact.phone").fill("0752-2288 123");
    await b.page.getByTestId("contact-save").click();
    await b.page.getByTestId("error-contact.name").filter({ hasText: "不能为空" }).waitFor();
    assert.equal(await b.page.getByTestId("field-contact.phone").inputValue(), "0752-2288 123");
    await b.page.getByTestId("field-contact.name").fill("李工");
    await b.page.getByTestId("field-contact.role").selectOption("cio");
    await b.page.getByTestId("field-contact.title").fill("信息部经理");
    await b.page.getByTestId("field-contact.invited").check();
    await screenshot(b.page, "prospect-contact-form");
    await b.page.getByTestId("contact-save").click();
    await saved(b.page);
    const call = b.page.getByTestId("contact-call");
    await call.waitFor();
    assert.equal(await call.getAttribute("href"), "tel:07522288123");
    assert.match(await b.page.getByTestId("contact").innerText(), /信息主管（CIO）/);
    await screenshot(b.page, "prospect-contacts");
    await expectPending(b.page, 0);
    let p = (await rep.pullAll()).find((c) => c.id === id).data;
    assert.deepEqual(p.contacts, [{ name: "李工", role: "cio", title: "信息部经理", phone: "0752-2288 123", invited: true }]);

    await b.page.getByTestId("contact-edit").click();
    await b.page.getByTestId("contact-remove").click();
    await b.page.getByTestId("contact-remove-confirm").click();
    await b.page.getByTestId("contacts-empty").waitFor();
    await expectPending(b.page, 0);
    p = (await rep.pullAll()).find((c) => c.id === id).data;
    assert.deepEqual(p.contacts ?? [], []);
  } finally {
    await b.close();
  }
});

test("key information: filling fields raises completeness and shrinks the ask-next list; MAN follows", async () => {
  const b = await launch();
  try {
    const id = await createProspect({ company: "江门宏达五金工具厂" });
    await signIn(b.page, server.url);
    await openProspect(b.page, id, "keyinfo");
    const summary = b.page.getByTestId("keyinfo-summary");
    await summary.waitFor();
    assert.equal(await summary.getAttribute("data-percent"), "0");
    const asked = () => b.page.getByTestId("ask-next-schedule").getByTestId("ask-next").count();
    assert.equal(await asked(), 6);
    assert.equal(await b.page.getByTestId("man-money").getAttribute("data-verdict"), "unknown");
    await screenshot(b.page, "prospect-keyinfo-empty");

    // Tapping a question opens the category's form at that field.
    await b.page.getByTestId("ask-next-schedule").getByRole("button", { name: "客户何时签约？" }).click();
    await b.page.waitForFunction(() => document.activeElement?.dataset.testid === "field-schedule.contract");
    await b.page.getByTestId("field-schedule.selection_start").fill("2027-01-15");
    await b.page.getByTestId("field-schedule.contract").fill("2027-04-30");
    await b.page.getByTestId("keyinfo-save-schedule").click();
    await saved(b.page);
    // The section re-renders once the saved change is read back: wait for it, then check.
    await b.page
      .waitForFunction(
        () => document.querySelectorAll('[data-testid="ask-next-schedule"] [data-testid="ask-next"]').length === 4,
        null,
        { timeout: 5000 },
      )
      .catch(() => {});
    assert.equal(await asked(), 4);
    const after = Number(await summary.getAttribute("data-percent"));
    assert.ok(after > 0, `completeness ${after}`);
    assert.ok(!(await b.page.getByTestId("ask-next-schedule").innerText()).includes("客户何时签约"));

    // Budget: the amount is asked only once "budgeted" is answered; a negative amount is refused.
    await b.page.getByTestId("keyinfo-edit-budget").click();
    await choose(b.page, "field-budget.budgeted-true");
    await b.page.getByTestId("field-budget.amount_cny").fill("-80万");
    await b.page.getByTestId("keyinfo-save-budget").click();
    await b.page.getByTestId("error-budget.amount_cny").filter({ hasText: "不能是负数" }).waitFor();
    await b.page.getByTestId("field-budget.amount_cny").fill("80万");
    await b.page.getByTestId("preview-budget.amount_cny").filter({ hasText: "80 万元" }).waitFor();
    await screenshot(b.page, "prospect-keyinfo-budget-form");
    await b.page.getByTestId("keyinfo-save-budget").click();
    await saved(b.page);
    await b.page.getByTestId("category-budget").locator("dd").filter({ hasText: "80 万元" }).filter({ hasText: "¥800,000" }).waitFor();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="man-money"]')?.dataset.verdict === "yes");
    assert.ok(Number(await summary.getAttribute("data-percent")) > after);

    // Lists: one per line or comma separated.
    await b.page.getByTestId("keyinfo-edit-evaluation").click();
    await b.page.getByTestId("field-evaluation.factors").fill("软件, 服务\n硬件");
    await b.page.getByTestId("field-evaluation.most_valued").fill("服务");
    await b.page.getByTestId("keyinfo-save-evaluation").click();
    await b.page.getByTestId("category-evaluation").getByTestId("category-complete").waitFor();

    // MAN: the rep's own judgement wins over the derived one.
    await choose(b.page, "field-man.authority-false");
    await b.page.waitForFunction(() => document.querySelector('[data-testid="man-authority"]')?.dataset.verdict === "no");
    await screenshot(b.page, "prospect-keyinfo-filled");
    await expectPending(b.page, 0);
    const p = (await rep.pullAll()).find((c) => c.id === id).data;
    assert.deepEqual(p.schedule, { selection_start: "2027-01-15", contract: "2027-04-30" });
    assert.deepEqual(p.budget, { budgeted: true, amount_cny: 800_000 });
    assert.deepEqual(p.evaluation, { factors: ["软件", "服务", "硬件"], most_valued: "服务" });
    assert.deepEqual(p.man, { authority: false });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("grading: the questionnaire previews and saves the grade with its explanation; an override needs a reason and shows both grades", async () => {
  const b = await launch();
  try {
    const id = await createProspect({ company: "珠海德力电机有限公司" });
    await signIn(b.page, server.url);
    await openProspect(b.page, id, "grade");
    await b.page.getByTestId("grade-missing").waitFor();
    assert.equal(await b.page.getByTestId("header-grade").getAttribute("data-grade"), null);
    await b.page.getByTestId("history-empty").waitFor();
    await screenshot(b.page, "prospect-grade-ungraded");

    await choose(b.page, "field-informatized-false");
    await choose(b.page, "field-qualification.objective_need-true");
    await choose(b.page, "field-qualification.subjective_need-true");
    await choose(b.page, "field-qualification.determination-high");
    await choose(b.page, "field-qualification.feasibility_started-true");
    await choose(b.page, "field-qualification.selection_started-false");
    await b.page.getByTestId("grade-preview").filter({ hasText: "B 级" }).waitFor();
    await screenshot(b.page, "prospect-grade-preview");
    await b.page.getByTestId("grade-save").click();
    await saved(b.page);
    const card = b.page.getByTestId("grade-card");
    await b.page.waitForFunction(() => document.querySelector('[data-testid="grade-card"]')?.dataset.grade === "B");
    assert.equal(await card.getAttribute("data-needs-confirmation"), "false");
    assert.match(await b.page.getByTestId("grade-meaning").innerText(), /4 至 6 个月/);
    const items = b.page.getByTestId("explanation-item");
    assert.equal(await items.count(), 5);
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.matched)), ["true", "true", "true", "true", "true"]);
    await b.page.getByTestId("grade-strategy").filter({ hasText: "由 B 升 A" }).waitFor();
    await expectPending(b.page, 0);
    await screenshot(b.page, "prospect-grade-b");

    // Determination "mid" fits B and C: the lower one, flagged for confirmation.
    await choose(b.page, "field-qualification.determination-mid");
    await b.page.getByTestId("grade-save").click();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="grade-card"]')?.dataset.grade === "C");
    await b.page.getByTestId("needs-confirmation").filter({ hasText: "B / C" }).waitFor();
    assert.equal(await b.page.getByTestId("header-grade").getAttribute("data-needs-confirmation"), "true");

    // Override: the reason is required; then both grades show.
    await b.page.getByTestId("override-start").click();
    await choose(b.page, "field-grade_override.grade-A");
    await b.page.getByTestId("override-save").click();
    await b.page.getByTestId("error-grade_override.reason").filter({ hasText: "原因" }).waitFor();
    await b.page.getByTestId("field-grade_override.reason").fill("老板已确认下月签约");
    await b.page.getByTestId("override-save").click();
    await saved(b.page);
    await b.page.waitForFunction(() => document.querySelector('[data-testid="grade-card"]')?.dataset.grade === "A");
    assert.equal(await card.getAttribute("data-computed"), "C");
    assert.equal(await card.getAttribute("data-overridden"), "true");
    await b.page.getByTestId("grade-override-reason").filter({ hasText: "老板已确认下月签约" }).waitFor();
    await b.page.getByTestId("grade-computed").filter({ hasText: "C 级" }).waitFor();
    await b.page.getByTestId("override-summary").filter({ hasText: "A 级" }).waitFor();
    await screenshot(b.page, "prospect-grade-override");
    await expectPending(b.page, 0);
    let p = (await rep.pullAll()).find((c) => c.id === id).data;
    assert.deepEqual(p.grade_override, { grade: "A", reason: "老板已确认下月签约" });
    assert.equal(p.grade.value, "A");
    assert.equal(p.grade.computed, "C");
    assert.deepEqual(p.qualification, { objective_need: true, subjective_need: true, determination: "mid", feasibility_started: true, selection_started: false });

    // Clearing the override goes back to the computed grade.
    await b.page.getByTestId("override-clear").click();
    await b.page.waitForFunction(() => document.querySelector('[data-testid="grade-card"]')?.dataset.grade === "C");
    await b.page.getByTestId("grade-history").evaluate((el) => el.scrollIntoView({ block: "center" }));
    await screenshot(b.page, "prospect-grade-history");
    await expectPending(b.page, 0);
    p = (await rep.pullAll()).find((c) => c.id === id).data;
    assert.equal(p.grade_override ?? null, null);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the prospect screen reads in English and in traditional Chinese", async () => {
  const b = await launch();
  try {
    const p = await serverProspect("东莞精工五金制品厂");
    await signIn(b.page, server.url);
    for (const [lang, profile, grade, keyinfo] of [
      ["en", "Profile", "Why this grade", "Key information"],
      ["zh-Hant", "客戶資料", "分級依據", "關鍵資訊完整度"],
    ]) {
      await b.page.evaluate((l) => localStorage.setItem("tuoke.lang", l), lang);
      await openProspect(b.page, p.id);
      assert.equal(await b.page.getAttribute("html", "lang"), lang);
      await b.page.locator("#profile-title").filter({ hasText: profile }).waitFor();
      await screenshot(b.page, `prospect-profile-${lang}`);
      await b.page.getByTestId("section-keyinfo").click();
      await b.page.locator("#keyinfo-title").filter({ hasText: keyinfo }).waitFor();
      await screenshot(b.page, `prospect-keyinfo-${lang}`);
      await b.page.getByTestId("section-grade").click();
      await b.page.getByTestId("grade-card").getByText(grade).waitFor();
      assert.equal(await b.page.getByTestId("section-grade").getAttribute("aria-current"), "page");
      await screenshot(b.page, `prospect-grade-${lang}`);
      assert.ok(await b.page.evaluate(() => document.documentElement.scrollWidth <= 360));
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
