// The Today screen end to end: a demo rep's contacts due (by the grade cadence), logging a
// contact from the quick actions, a manager deciding a rep's gated stage move, the rep
// seeing the outcome, and the empty states.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { api, daysAgo, expectPending, launch, prospectOf, screenshot, serverBin, signIn, startServer } from "./lib/harness.mjs";

const HUAQIANG = "深圳华强电子有限公司"; // demo, rep1, grade A (every 7 days), phone 0755-83000001
const JINGGONG = "东莞精工五金制品厂"; // demo, rep1, grade C (every 30 days), no phone

/** Pushes mutations as the API user and returns the results. */
async function push(client, mutations) {
  const r = await client.post("/api/v1/sync/push", {
    client_id: crypto.randomUUID(),
    mutations: mutations.map(([name, args]) => ({ id: crypto.randomUUID(), name, args, at: new Date().toISOString() })),
  });
  assert.equal(r.status, 200);
  return (await r.json()).results;
}

/** Logs a contact with `prospect` on the server, `days` days ago. */
function contactedAgo(prospect, days) {
  return ["activity.log", { id: crypto.randomUUID(), prospect_id: prospect.id, kind: "phone_call", at: daysAgo(days), summary: "" }];
}

/** The companies of the due entries on screen, per grade group. */
async function dueByGrade(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="due-group"]')].map((g) => [
        g.dataset.grade,
        [...g.querySelectorAll('[data-testid="due-entry"] .due-company')].map((a) => a.textContent),
      ])
    )
  );
}

test("Today lists the rep's demo prospects due by grade, and a contact logged offline takes one off the list", async () => {
  const server = await startServer();
  const b = await launch();
  try {
    // Last contacts on the server: A seven days ago (due today), C forty days ago (ten overdue).
    const rep1 = await api(server.url, "rep1");
    const huaqiang = await prospectOf(rep1, HUAQIANG);
    const jinggong = await prospectOf(rep1, JINGGONG);
    const results = await push(rep1, [contactedAgo(huaqiang, 7), contactedAgo(jinggong, 40)]);
    assert.deepEqual(results.map((r) => r.status), ["applied", "applied"]);

    await signIn(b.page, server.url);
    const due = b.page.getByTestId("due-entry");
    await due.nth(1).waitFor();
    assert.deepEqual(await dueByGrade(b.page), { A: [HUAQIANG], C: [JINGGONG] });
    await b.page.getByTestId("due-summary").filter({ hasText: "今天到期 1 个，已逾期 1 个" }).waitFor();
    const hq = due.filter({ hasText: HUAQIANG });
    assert.equal(await hq.locator(".due").textContent(), "今天联系");
    assert.equal(await due.filter({ hasText: JINGGONG }).locator(".due").textContent(), "逾期 10 天");
    // Quick actions: call only where there is a phone; note opens the capture for it.
    assert.equal(await hq.getByTestId("due-call").getAttribute("href"), "tel:075583000001");
    assert.equal(await due.filter({ hasText: JINGGONG }).getByTestId("due-call").count(), 0);
    assert.equal(
      await hq.getByRole("link", { name: `为${HUAQIANG}记笔记` }).getAttribute("href"),
      `/capture/${huaqiang.id}`
    );
    assert.equal(await hq.getByRole("link", { name: HUAQIANG, exact: true }).getAttribute("href"), `/prospects/${huaqiang.id}`);
    // The plan counts the open prospects per kind of work against the norm.
    const plan = b.page.getByTestId("plan-row");
    assert.deepEqual(await plan.evaluateAll((rows) => rows.map((r) => r.dataset.accounts)), ["1", "0", "1", "0"]);
    assert.match(await plan.first().textContent(), /1 \/ 8/);
    const daysBefore = Number(await plan.first().getAttribute("data-days"));
    await screenshot(b.page, "today-due");
    await b.page.getByTestId("plan").scrollIntoViewIfNeeded();
    await screenshot(b.page, "today-plan");
    await b.page.evaluate(() => window.scrollTo(0, 0));

    // Offline, log a visit with the A prospect: saved on the phone, it leaves the due list at once.
    await b.context.setOffline(true);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await hq.getByTestId("due-log").click();
    const form = hq.getByTestId("log-form");
    await form.getByTestId("log-kind").selectOption("visit");
    await form.getByTestId("log-summary").fill("约好下周演示");
    await screenshot(b.page, "today-log-form");
    await form.getByTestId("log-save").click();
    await b.page.getByTestId("today-message").filter({ hasText: `已登记与${HUAQIANG}的联系` }).waitFor();
    await hq.waitFor({ state: "detached" });
    assert.deepEqual(await dueByGrade(b.page), { C: [JINGGONG] });
    // Today's visit adds a day of "work A" this month (the call a week ago may be last month's).
    await b.page.waitForFunction(
      (want) => document.querySelector('[data-testid="plan-row"]')?.dataset.days === String(want),
      daysBefore + 1
    );
    await screenshot(b.page, "today-logged");

    // Back online it reaches the server once, and stays off the list after the pull.
    await expectPending(b.page, 1);
    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    const activities = (await rep1.pullAll()).filter((c) => c.entity === "activity" && c.data?.summary === "约好下周演示");
    assert.equal(activities.length, 1);
    assert.equal(activities[0].data.kind, "visit");
    assert.equal(activities[0].data.prospect_id, huaqiang.id);
    await b.page.reload();
    await due.first().waitFor();
    assert.deepEqual(await dueByGrade(b.page), { C: [JINGGONG] });
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.close();
    await server.stop();
  }
});

test("a manager approves one gated stage move and rejects another with a reason; the rep sees both outcomes", async () => {
  const server = await startServer();
  const manager = await launch();
  const rep = await launch();
  try {
    const rep1 = await api(server.url, "rep1");
    const huaqiang = await prospectOf(rep1, HUAQIANG);
    const jinggong = await prospectOf(rep1, JINGGONG);
    // lead → exchange and lead → demo both need the manager (NO*).
    const results = await push(rep1, [
      ["stage.move", { prospect_id: huaqiang.id, to: "exchange", reason: "老板想直接开交流会" }],
      ["stage.move", { prospect_id: jinggong.id, to: "demo", reason: "客户要求先看演示" }],
    ]);
    assert.deepEqual(results.map((r) => r.status), ["pending_approval", "pending_approval"]);

    // The rep sees both requests pending.
    await signIn(rep.page, server.url, "rep1");
    const mine = rep.page.getByTestId("approvals-mine").getByTestId("approval");
    await mine.nth(1).waitFor();
    assert.deepEqual(await mine.evaluateAll((items) => items.map((i) => i.dataset.status)), ["pending", "pending"]);
    await screenshot(rep.page, "today-rep-requests-pending");

    await signIn(manager.page, server.url, "manager1");
    const waiting = manager.page.getByTestId("approvals-waiting").getByTestId("approval");
    await waiting.nth(1).waitFor();
    const toExchange = waiting.filter({ hasText: HUAQIANG });
    assert.match(await toExchange.textContent(), /申请推进到“交流”/);
    assert.match(await toExchange.textContent(), /理由：老板想直接开交流会/);
    // A manager without prospects of their own sees no due list, only the approvals.
    assert.equal(await manager.page.getByTestId("due-card").count(), 0);
    await screenshot(manager.page, "today-manager-waiting");

    // Rejecting needs a reason; the form says so and keeps what was there.
    const toDemo = waiting.filter({ hasText: JINGGONG });
    await toDemo.getByTestId("approval-reject").click();
    await toDemo.getByRole("alert").filter({ hasText: "驳回时请写明原因。" }).waitFor();
    await screenshot(manager.page, "today-manager-reject-needs-reason");
    await toDemo.getByTestId("approval-comment").fill("先做初访，了解需求再演示");
    await toDemo.getByTestId("approval-reject").click();
    await manager.page.getByTestId("approvals-message").filter({ hasText: "已驳回" }).waitFor();
    await toExchange.getByTestId("approval-approve").click();
    await manager.page.getByTestId("approvals-message").filter({ hasText: "已批准" }).waitFor();
    assert.equal(await manager.page.getByTestId("approvals-waiting").count(), 0);
    const decided = manager.page.getByTestId("approvals-mine").getByTestId("approval");
    assert.deepEqual((await decided.evaluateAll((items) => items.map((i) => i.dataset.status))).sort(), ["approved", "rejected"]);
    await expectPending(manager.page, 0);
    // Synced: the message no longer says the decision waits for a sync.
    await manager.page.getByTestId("approvals-message").filter({ hasText: "已批准，已同步生效。" }).waitFor();
    assert.doesNotMatch(await manager.page.getByTestId("approvals-message").textContent(), /同步后生效/);
    await screenshot(manager.page, "today-manager-decided");

    // On the server: the approved move took effect, the rejected one did not.
    const after = await rep1.pullAll();
    const latest = (id) => after.filter((c) => c.entity === "prospect" && c.id === id).at(-1).data;
    assert.equal(latest(huaqiang.id).stage, "exchange");
    assert.equal(latest(jinggong.id).stage, "lead");
    assert.equal(latest(jinggong.id).pending_stage, null);

    // The rep's phone shows the outcome and the manager's reason after its next sync.
    await rep.page.reload();
    await rep.page.getByTestId("approval").filter({ hasText: "已批准" }).waitFor();
    const rejected = rep.page.getByTestId("approval").filter({ hasText: JINGGONG });
    await rejected.filter({ hasText: "已驳回" }).waitFor();
    assert.match(await rejected.getByTestId("approval-comment-text").textContent(), /先做初访，了解需求再演示/);
    await screenshot(rep.page, "today-rep-outcome");
    assert.deepEqual(manager.errors, []);
    assert.deepEqual(rep.errors, []);
  } finally {
    await manager.close();
    await rep.close();
    await server.stop();
  }
});

/** Creates a user with the server's CLI on the test server's database. */
async function addUser(server, username, role, manager) {
  const db = `sqlite://${path.join(path.dirname(server.staticDir), "tuoke.db")}`;
  const args = ["user", "add", username, "--role", role, "--db", db];
  if (manager) args.push("--manager", manager);
  const child = spawn(serverBin, args, { env: { ...process.env, TUOKE_PASSWORD: "demo" }, stdio: "inherit" });
  const code = await new Promise((resolve) => child.on("exit", resolve));
  assert.equal(code, 0);
}

test("Today's empty states: a new rep is offered Capture; with nothing due it says all caught up and no approvals", async () => {
  const server = await startServer();
  await addUser(server, "rep3", "rep", "manager1");
  const b = await launch();
  try {
    await signIn(b.page, server.url, "rep3");
    await b.page.getByTestId("today-no-prospects").waitFor();
    await b.page.getByTestId("approvals-empty").waitFor();
    await screenshot(b.page, "today-empty-new-rep");
    await b.page.getByTestId("today-no-prospects").getByRole("link", { name: "立即新建" }).click();
    // A rep with no prospects starts the first one: the new prospect's form.
    await b.page.waitForURL(/\/capture\/new$/);
    await b.page.getByTestId("capture-company").waitFor();

    // rep2's demo prospects are new (D every 90 days, ungraded every 14): nothing is due.
    const other = await launch();
    try {
      await signIn(other.page, server.url, "rep2");
      await other.page.getByTestId("today-caught-up").filter({ hasText: "全部跟进完毕" }).waitFor();
      assert.equal(await other.page.getByTestId("due-entry").count(), 0);
      await other.page.getByTestId("approvals-empty").waitFor();
      await screenshot(other.page, "today-caught-up");
      // The same screen in English.
      await other.page.goto(`${server.url}/more`);
      await other.page.getByTestId("lang-select").selectOption("en");
      await other.page.getByRole("link", { name: "Today", exact: true }).click();
      await other.page.getByTestId("today-caught-up").filter({ hasText: "All caught up" }).waitFor();
      await screenshot(other.page, "today-caught-up-en");
      assert.deepEqual(other.errors, []);
    } finally {
      await other.close();
    }
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    await server.stop();
  }
});
