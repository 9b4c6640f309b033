// The stage bar, gated moves and the manager's decision, lost and reopen, the activity log
// and the notes timeline, and the playbooks, at 360×740 in Chromium against the real server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { api, expectHeading, expectPending, launch, pushAs, screenshot, signIn, startServer } from "./lib/harness.mjs";

/** rep1's demo prospect at stage lead (`tuoke-server serve --demo`). */
const DEMO_LEAD = "0193a000-0000-7000-8000-000000000001";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Pushes mutations as `user` straight to the server; throws when one is rejected. */
const push = (user, mutations) => pushAs(server.url, user, mutations);

/** A new prospect of rep1's, made on the server (before the rep's phone pulls). */
async function newProspect(company) {
  const id = randomUUID();
  await push("rep1", [["prospect.put", { id, patch: { company } }]]);
  return id;
}

/** The server's current copy of a record, as `user` sees it. */
async function serverRecord(entity, id, user = "rep1") {
  const changes = await (await api(server.url, user)).pullAll();
  return changes.filter((c) => c.entity === entity && c.id === id).at(-1)?.data;
}

async function serverRecordsOf(entity, prospectId, user = "rep1") {
  const changes = await (await api(server.url, user)).pullAll();
  const latest = new Map();
  for (const c of changes) if (c.entity === entity) latest.set(c.id, c.data);
  return [...latest.values()].filter((d) => d?.prospect_id === prospectId);
}

async function openSection(page, id, section) {
  await page.goto(`${server.url}/prospects/${id}/${section}`);
  await page.getByTestId(`${section}-section`).waitFor({ timeout: 15_000 });
}

async function expectStage(page, code) {
  await page.locator(`[data-testid="stage-current"][data-stage="${code}"]`).waitFor({ timeout: 15_000 });
}

async function verdictOf(page, code) {
  return page.getByTestId(`stage-row-${code}`).getAttribute("data-verdict");
}

/** Syncs now through the sync screen, as a rep would, and comes back. */
async function syncNow(page) {
  const back = page.url();
  await page.goto(`${server.url}/sync`);
  await page.getByTestId("sync-now").click();
  await expectPending(page, 0);
  await page.getByTestId("sync-status").filter({ hasText: "已同步" }).waitFor();
  await page.goto(back);
}

test("a lead's stage bar marks first visit allowed, exchange and demo as needing approval and later stages forbidden with the rule; moving to first visit reaches the server", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await openSection(b.page, DEMO_LEAD, "stage");
    await expectStage(b.page, "lead");
    assert.equal(await verdictOf(b.page, "lead"), "current");
    assert.equal(await verdictOf(b.page, "first_visit"), "allowed");
    assert.equal(await verdictOf(b.page, "exchange"), "approval");
    assert.equal(await verdictOf(b.page, "demo"), "approval");
    for (const code of ["quote", "objections", "negotiation", "signed"]) assert.equal(await verdictOf(b.page, code), "forbidden");
    assert.equal(await b.page.getByTestId("stage-rule-exchange").textContent(), "跳过初访需要主管批准。");
    assert.equal(await b.page.getByTestId("stage-rule-quote").textContent(), "正式书面报价最早在交流之后。");
    assert.equal(await b.page.getByTestId("stage-rule-signed").textContent(), "没有正式报价不能直接签约。");
    // Forbidden stages explain, but cannot be tapped.
    assert.equal(await b.page.locator('button[data-testid="stage-row-quote"]').count(), 0);
    await screenshot(b.page, "stage-bar-lead");

    // Escape backs out without saving anything.
    const dialog = b.page.getByTestId("stage-dialog");
    await b.page.getByTestId("stage-row-first_visit").click();
    await dialog.getByRole("heading", { name: "推进到“初访”？" }).waitFor();
    await b.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expectStage(b.page, "lead");
    assert.equal(await b.page.getByTestId("sync-status").getAttribute("data-pending"), "0");

    await b.page.getByTestId("stage-row-first_visit").click();
    await dialog.getByRole("heading", { name: "推进到“初访”？" }).waitFor();
    // The reason is optional here: the confirm button has the focus, no keyboard pops up.
    assert.equal(await b.page.evaluate(() => document.activeElement?.dataset.testid), "stage-dialog-confirm");
    await screenshot(b.page, "stage-confirm-first-visit");
    await dialog.getByTestId("stage-dialog-confirm").click();
    await b.page.getByTestId("stage-message").filter({ hasText: "已推进到“初访”。" }).waitFor();
    await expectStage(b.page, "first_visit");
    assert.equal(await dialog.isVisible(), false);
    // From first visit, exchange and demo are plain moves now; quote still is not.
    assert.equal(await verdictOf(b.page, "exchange"), "allowed");
    assert.equal(await verdictOf(b.page, "lead"), "allowed");
    assert.equal(await verdictOf(b.page, "quote"), "forbidden");
    await screenshot(b.page, "stage-bar-first-visit");

    await expectPending(b.page, 0);
    const record = await serverRecord("prospect", DEMO_LEAD);
    assert.equal(record.stage, "first_visit");
    assert.equal(record.pending_stage, null);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a gated move requested offline waits for the manager, shows the soft-gate warning, and the manager's approval moves the rep's stage after sync", async () => {
  const id = await newProspect("审批测试机械厂");
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await openSection(b.page, id, "stage");
    await expectStage(b.page, "lead");
    await b.context.setOffline(true);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();

    await b.page.getByTestId("stage-row-exchange").click();
    const dialog = b.page.getByTestId("stage-dialog");
    await dialog.getByRole("heading", { name: "申请推进到“交流”？" }).waitFor();
    // The soft gate before the exchange meeting warns, without blocking.
    await dialog.getByTestId("stage-warning").filter({ hasText: "还没有邀请老板或关键人员参加交流。" }).waitFor();
    await dialog.getByTestId("stage-dialog-reason").fill("老板下周只有周三有空，直接安排交流");
    await screenshot(b.page, "stage-confirm-gated-offline");
    await dialog.getByTestId("stage-dialog-confirm").click();
    await b.page.getByTestId("stage-message").filter({ hasText: "申请已保存，等待主管批准。" }).waitFor();
    const waiting = b.page.getByTestId("stage-pending");
    await waiting.filter({ hasText: "等待主管批准推进到“交流”" }).waitFor();
    await waiting.filter({ hasText: "申请尚未同步" }).waitFor();
    await expectStage(b.page, "lead");
    assert.equal(await verdictOf(b.page, "exchange"), "waiting");
    await expectPending(b.page, 1);
    await screenshot(b.page, "stage-pending-offline");

    // Online: the request reaches the server, which files it for manager1.
    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    await waiting.filter({ hasText: "已送交主管" }).waitFor({ timeout: 15_000 });
    const approvals = await serverRecordsOf("approval", id, "manager1");
    assert.equal(approvals.length, 1);
    assert.equal(approvals[0].status, "pending");
    assert.equal(approvals[0].to, "exchange");
    assert.equal(approvals[0].reason, "老板下周只有周三有空，直接安排交流");

    await push("manager1", [["approval.decide", { approval_id: approvals[0].id, approve: true, comment: "同意，务必请老板参加" }]]);
    await syncNow(b.page);
    await expectStage(b.page, "exchange");
    const outcome = b.page.getByTestId("stage-approval-outcome");
    await outcome.filter({ hasText: "主管已批准推进到“交流”" }).waitFor();
    await outcome.filter({ hasText: "主管意见：同意，务必请老板参加" }).waitFor();
    assert.equal(await b.page.getByTestId("stage-pending").count(), 0);
    await screenshot(b.page, "stage-approved");

    // Once the deal moves on, the old approval is history, not status: no line about it.
    await b.page.getByTestId("stage-row-demo").click();
    await b.page.getByTestId("stage-dialog-confirm").click();
    await expectStage(b.page, "demo");
    await outcome.waitFor({ state: "detached" });
    await expectPending(b.page, 0);
    assert.equal(await outcome.count(), 0);
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.close();
  }
});

test("a rejected request leaves the stage unchanged and shows the manager's comment", async () => {
  const id = await newProspect("驳回测试五金厂");
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await openSection(b.page, id, "stage");
    await b.page.getByTestId("stage-row-demo").click();
    await b.page.getByTestId("stage-dialog-confirm").click();
    await b.page.getByTestId("stage-pending").filter({ hasText: "系统演示" }).waitFor();
    await expectPending(b.page, 0);
    const [approval] = await serverRecordsOf("approval", id, "manager1");
    await push("manager1", [["approval.decide", { approval_id: approval.id, approve: false, comment: "先做初访，了解需求再演示" }]]);
    await syncNow(b.page);
    const outcome = b.page.getByTestId("stage-approval-outcome");
    await outcome.filter({ hasText: "主管驳回了推进到“系统演示”的申请" }).waitFor({ timeout: 15_000 });
    await outcome.filter({ hasText: "主管意见：先做初访，了解需求再演示" }).waitFor();
    await expectStage(b.page, "lead");
    assert.equal(await verdictOf(b.page, "demo"), "approval");
    await screenshot(b.page, "stage-rejected");
    assert.equal((await serverRecord("prospect", id)).stage, "lead");
  } finally {
    await b.close();
  }
});

test("marking a deal lost needs a reason; the lost deal shows the reason and returns to the lead list on reopen", async () => {
  const id = await newProspect("失败测试电器厂");
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await openSection(b.page, id, "stage");
    await b.page.getByTestId("stage-mark-lost").click();
    const dialog = b.page.getByTestId("stage-dialog");
    await dialog.getByRole("heading", { name: "将这个商机标记为失败？" }).waitFor();
    assert.equal(await b.page.evaluate(() => document.activeElement?.dataset.testid), "stage-dialog-reason");
    await dialog.getByTestId("stage-dialog-confirm").click();
    await dialog.getByTestId("stage-dialog-error").filter({ hasText: "请填写失败原因。" }).waitFor();
    await expectStage(b.page, "lead");
    await screenshot(b.page, "stage-lost-reason-required");
    await dialog.getByTestId("stage-dialog-reason").fill("选了竞争对手的方案，价格低三成");
    await dialog.getByTestId("stage-dialog-confirm").click();
    await b.page.getByTestId("stage-message").filter({ hasText: "已标记为失败。" }).waitFor();
    await expectStage(b.page, "lost");
    await b.page.getByTestId("stage-lost-reason").filter({ hasText: "原因：选了竞争对手的方案，价格低三成" }).waitFor();
    // Only the lead list is open to a lost prospect.
    assert.equal(await verdictOf(b.page, "lead"), "allowed");
    assert.equal(await verdictOf(b.page, "first_visit"), "forbidden");
    await b.page.getByTestId("stage-lost").filter({ hasText: "失败的客户只能回到名单。" }).waitFor();
    assert.equal(await b.page.getByTestId("stage-mark-lost").count(), 0);
    await b.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(b.page, "stage-lost");
    await expectPending(b.page, 0);
    const lost = await serverRecord("prospect", id);
    assert.equal(lost.stage, "lost");
    assert.equal(lost.status, "lost");
    // The reason is kept with the stage on the server, and no note is invented for it.
    assert.equal(lost.stage_reason, "选了竞争对手的方案，价格低三成");
    assert.deepEqual(await serverRecordsOf("note", id), []);
    // After a sync the reason still shows (read back from the server's copy).
    await syncNow(b.page);
    await b.page.getByTestId("stage-lost-reason").filter({ hasText: "选了竞争对手的方案" }).waitFor();

    await b.page.getByTestId("stage-reopen").click();
    await dialog.getByRole("heading", { name: "把这个客户放回名单？" }).waitFor();
    await dialog.getByTestId("stage-dialog-confirm").click();
    await b.page.getByTestId("stage-message").filter({ hasText: "已放回名单。" }).waitFor();
    await expectStage(b.page, "lead");
    assert.equal(await verdictOf(b.page, "first_visit"), "allowed");
    await screenshot(b.page, "stage-reopened");
    await expectPending(b.page, 0);
    const reopened = await serverRecord("prospect", id);
    assert.equal(reopened.stage, "lead");
    assert.equal(reopened.status, "open");
  } finally {
    await b.close();
  }
});

/** `date` (a Date) plus `days`, as the business day `YYYY-MM-DD` (China time, UTC+8: the
 *  day a contact counts for, tuoke_core::cadence::business_date). */
function businessDay(date, days = 0) {
  return new Date(date.getTime() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

test("logging a phone call moves the next contact due and appears in the timeline, not synced until the server has it", async () => {
  const id = await newProspect("联系记录测试工具厂");
  const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
  await push("rep1", [["activity.log", { id: randomUUID(), prospect_id: id, kind: "visit", at: tenDaysAgo.toISOString(), summary: "第一次上门拜访" }]]);
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await openSection(b.page, id, "activity");
    // Ungraded: every 14 days after the last contact.
    const before = businessDay(tenDaysAgo, 14);
    const due = b.page.getByTestId("next-due");
    await b.page.locator(`[data-testid="next-due"][data-date="${before}"]`).waitFor();
    assert.equal(await due.textContent(), `下次联系：${before}`);
    // Every contact method of SPEC §6 is offered, phone call first.
    assert.equal(await b.page.getByTestId("contact-kind").locator("option").count(), 21);
    assert.equal(await b.page.getByTestId("contact-kind").inputValue(), "phone_call");
    assert.match(await b.page.getByTestId("contact-when").inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

    // A contact in the future is refused, and nothing is lost from the form.
    await b.page.getByTestId("contact-summary").fill("电话确认下周三拜访，老板会在");
    await b.page.getByTestId("contact-when").fill("2099-01-01T09:00");
    await b.page.getByTestId("contact-save").click();
    await b.page.getByTestId("activity-error").filter({ hasText: "联系时间不能晚于现在。" }).waitFor();
    assert.equal(await b.page.getByTestId("contact-summary").inputValue(), "电话确认下周三拜访，老板会在");

    const now = new Date();
    const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await b.page.getByTestId("contact-when").fill(local);
    await b.page.getByTestId("contact-save").click();
    await b.page.getByTestId("activity-toast").filter({ hasText: "已登记，保存在本机。" }).waitFor();
    assert.equal(await b.page.getByTestId("activity-error").count(), 0);
    const after = businessDay(now, 14);
    await b.page.getByTestId("next-due-moved").filter({ hasText: `下次联系由 ${before} 改为 ${after}` }).waitFor();
    assert.equal(await due.textContent(), `下次联系：${after}`);
    const newest = b.page.getByTestId("timeline-entry").first();
    await newest.filter({ hasText: "打电话" }).filter({ hasText: "电话确认下周三拜访，老板会在" }).waitFor();
    assert.equal(await newest.getAttribute("data-kind"), "contact");
    await screenshot(b.page, "activity-logged");
    await expectPending(b.page, 0);
    await newest.getByTestId("pending-badge").waitFor({ state: "detached", timeout: 15_000 });
    assert.equal(await b.page.getByTestId("timeline-entry").count(), 2);

    const activities = await serverRecordsOf("activity", id);
    const call = activities.find((a) => a.kind === "phone_call");
    assert.equal(call.summary, "电话确认下周三拜访，老板会在");
    assert.equal((await serverRecord("prospect", id)).next_contact_due, after);
  } finally {
    await b.close();
  }
});

test("correcting a note appends a new note that names the corrected one and leaves the old note unchanged", async () => {
  const id = await newProspect("笔记更正测试电子厂");
  const noteId = randomUUID();
  await push("rep1", [["note.add", { id: noteId, prospect_id: id, body: "客户有 300 个品号，用 Excel 管库存", kind: "visit", attachment_ids: [randomUUID(), randomUUID()], taken_at: new Date(Date.now() - 3_600_000).toISOString() }]]);
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await openSection(b.page, id, "activity");
    const old = b.page.locator(`[data-testid="timeline-entry"][data-id="${noteId}"]`);
    await old.getByTestId("entry-body").filter({ hasText: "300 个品号" }).waitFor();
    assert.equal(await old.getByTestId("entry-photos").textContent(), "📷 2 张照片");
    await old.getByTestId("note-correct").click();
    const body = old.getByTestId("correction-body");
    await b.page.waitForFunction(() => document.querySelector('[data-testid="correction-body"]')?.value.startsWith("更正 "));
    const prefill = await body.inputValue();
    assert.match(prefill, /^更正 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的笔记：\n客户有 300 个品号，用 Excel 管库存$/);
    // Saving it unchanged is refused.
    await old.getByTestId("correction-save").click();
    await old.getByTestId("correction-error").filter({ hasText: "内容和原笔记一样" }).waitFor();
    await body.fill(prefill.replace("300", "3000"));
    await screenshot(b.page, "activity-correcting");
    await old.getByTestId("correction-save").click();
    await b.page.getByTestId("activity-toast").filter({ hasText: "更正已另存为新笔记。" }).waitFor();
    const entries = b.page.getByTestId("timeline-entry");
    await b.page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-entry"]').length === 2);
    await entries.first().getByTestId("entry-body").filter({ hasText: "客户有 3000 个品号" }).waitFor();
    assert.equal(await old.getByTestId("entry-body").textContent(), "客户有 300 个品号，用 Excel 管库存");
    await screenshot(b.page, "activity-corrected");

    await expectPending(b.page, 0);
    const notes = await serverRecordsOf("note", id);
    assert.equal(notes.length, 2);
    assert.equal(notes.find((n) => n.id === noteId).body, "客户有 300 个品号，用 Excel 管库存");
    const correction = notes.find((n) => n.id !== noteId);
    assert.match(correction.body, /^更正 .* 的笔记：\n客户有 3000 个品号，用 Excel 管库存$/);
    assert.equal(correction.kind, "visit");

    // "New note" goes to capture for this prospect.
    await b.page.getByTestId("new-note").click();
    await b.page.waitForURL(new RegExp(`/capture/${id}$`));
  } finally {
    await b.close();
  }
});

test("the stage bar opens the current stage's playbook and the objection playbook, offline; an unknown playbook says so", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.goto(`${server.url}/playbooks/no_such_topic`);
    await b.page.getByTestId("playbook-not-found").filter({ hasText: "没有名为“no_such_topic”的攻略。" }).waitFor();
    await screenshot(b.page, "playbook-not-found");
    await b.page.getByTestId("back-to-playbooks").click();
    await expectHeading(b.page, "销售攻略");
    const index = await b.page.getByTestId("playbook-index").locator("li").allTextContents();
    assert.deepEqual(index, ["名单", "初访", "交流", "系统演示", "正式报价", "疑虑排除", "商务谈判", "签约", "失败"]);
    await screenshot(b.page, "playbooks-index");

    const id = await newProspect("攻略测试运输器材厂");
    await syncNow(b.page);
    await openSection(b.page, id, "stage");
    await b.context.setOffline(true);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await b.page.getByTestId("stage-playbook-link").click();
    await expectHeading(b.page, "名单：阶段攻略");
    await b.page.getByTestId("playbook-tip").filter({ hasText: "举办活动和电话行销是现阶段销售工作的重点。" }).waitFor();
    await screenshot(b.page, "playbook-lead");
    // The next stage's playbook, then the exchange meeting's agenda with its timings.
    await b.page.getByRole("link", { name: "下一阶段：初访" }).click();
    await expectHeading(b.page, "初访：阶段攻略");
    await b.page.getByRole("link", { name: "下一阶段：交流" }).click();
    await b.page.getByTestId("exchange-agenda").filter({ hasText: "公司简介" }).filter({ hasText: "10–15 分钟" }).waitFor();
    await b.page.getByTestId("agenda-totals").filter({ hasText: "合计 95–100 分钟；含酌情项目 135–140 分钟。" }).waitFor();
    await screenshot(b.page, "playbook-exchange");

    await b.page.goBack();
    await b.page.goBack();
    await b.page.goBack();
    await b.page.getByTestId("objection-playbook-link").click();
    await expectHeading(b.page, "疑虑处理手册");
    const objections = b.page.getByTestId("objection");
    assert.equal(await objections.count(), 11);
    const expensive = objections.filter({ hasText: "嫌价钱贵" });
    await expensive.locator("summary").click();
    await expensive.getByText("不要马上让价").waitFor();
    await screenshot(b.page, "playbook-objections");

    // The same content in the other UI languages.
    await b.context.setOffline(false);
    await b.page.evaluate(() => localStorage.setItem("tuoke.lang", "en"));
    await b.page.goto(`${server.url}/playbooks/demo`);
    await expectHeading(b.page, "Targeted demo: stage playbook");
    await b.page.getByTestId("playbook-tip").filter({ hasText: "Stop while you are ahead" }).waitFor();
    await b.page.evaluate(() => localStorage.setItem("tuoke.lang", "zh-Hant"));
    await b.page.goto(`${server.url}/playbooks/objections`);
    await expectHeading(b.page, "疑慮處理手冊");
    await b.page.getByTestId("objection").filter({ hasText: "嫌價錢貴" }).waitFor();
    await screenshot(b.page, "playbook-objections-zh-hant");
  } finally {
    await b.close();
  }
});
