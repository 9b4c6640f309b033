// Visit capture end to end at 360×740: a note in a few taps from the Today tab, a prospect
// created on the spot with the first-visit checklist, the exchange agenda's timer across a
// reload, and field photos (compressed, shown, uploaded before their note, refused uploads
// shown and not retried, downloaded on another phone).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, expectPending, launch, screenshot, signIn, startServer } from "./lib/harness.mjs";

/** Demo prospects of rep1 (`tuoke-server serve --demo`). */
const HUAQIANG = { id: "0193a000-0000-7000-8000-000000000001", company: "深圳华强电子有限公司" };
const JINGGONG = { id: "0193a000-0000-7000-8000-000000000002", company: "东莞精工五金制品厂" };

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Counts the clicks and taps a test makes, to hold "a few taps" to its word. */
function tapCounter(page) {
  let taps = 0;
  return {
    async tap(locator) {
      taps += 1;
      await locator.click();
    },
    get count() {
      return taps;
    },
    page,
  };
}

/** The notes the server holds for a prospect. */
async function serverNotes(prospectId, user = "rep1") {
  const changes = await (await api(server.url, user)).pullAll();
  return changes.filter((c) => c.entity === "note" && c.data?.prospect_id === prospectId).map((c) => c.data);
}

/** A `width`×`height` PNG drawn in the page (a gradient, so it compresses like a photo). */
async function pngBuffer(page, width, height) {
  const b64 = await page.evaluate(([w, h]) => {
    const c = document.createElement("canvas");
    c.width = w;
    c.height = h;
    const ctx = c.getContext("2d");
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, "#1f4e9c");
    g.addColorStop(1, "#ffb300");
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = "#fff";
    ctx.font = "120px sans-serif";
    ctx.fillText("工厂", 100, 300);
    return c.toDataURL("image/png").split(",")[1];
  }, [width, height]);
  return Buffer.from(b64, "base64");
}

/** Width and height of a baseline or progressive JPEG. */
function jpegSize(bytes) {
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) { i += 1; continue; }
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  throw new Error("no SOF marker");
}

/** Taps a segmented choice (a radio styled as a button) as a thumb would: on its label. */
async function choose(page, testid) {
  await page.locator("label.segment", { has: page.getByTestId(testid) }).click();
  assert.equal(await page.getByTestId(testid).isChecked(), true);
}

/** Opens the capture screen on a prospect by the picker. */
async function pick(page, company) {
  await page.getByTestId("capture-search").fill(company.slice(0, 4));
  await page.getByTestId("capture-pick").filter({ hasText: company }).click();
  await page.getByTestId("capture-chosen").filter({ hasText: company }).waitFor();
}

test("from the Today tab a note on a demo prospect takes the Capture tab, one tap on the suggestion and Save", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.locator("main h1").filter({ hasText: "今日" }).waitFor();
    const taps = tapCounter(b.page);
    await taps.tap(b.page.getByRole("link", { name: "记录" }));
    // The demo prospects are offered at once, most due first; the note field gets the focus.
    await taps.tap(b.page.getByTestId("capture-pick").filter({ hasText: HUAQIANG.company }));
    await b.page.waitForFunction(() => document.activeElement?.dataset.testid === "capture-note");
    await b.page.keyboard.type("王总同意下周安排交流会");
    await screenshot(b.page, "capture-existing-typed");
    await taps.tap(b.page.getByTestId("capture-save"));
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    assert.equal(taps.count, 3);
    // The saved note shows under the prospect's latest notes, and the form is empty again.
    await b.page.getByTestId("capture-recent-note").filter({ hasText: "王总同意下周安排交流会" }).waitFor();
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "");
    await screenshot(b.page, "capture-existing-saved");
    await expectPending(b.page, 0);
    const notes = await serverNotes(HUAQIANG.id);
    assert.deepEqual(notes.map((n) => [n.body, n.kind]), [["王总同意下周安排交流会", "visit"]]);

    // The Capture tab does not carry the prospect over silently (issue 17): it asks again,
    // with the prospect just written about first among the suggestions; three taps.
    await b.page.getByRole("link", { name: "今日" }).click();
    const again = tapCounter(b.page);
    await again.tap(b.page.getByRole("link", { name: "记录" }));
    await b.page.getByTestId("capture-picker").waitFor();
    assert.match(await b.page.getByTestId("capture-pick").first().innerText(), new RegExp(HUAQIANG.company));
    await again.tap(b.page.getByTestId("capture-pick").first());
    await b.page.getByTestId("capture-chosen").filter({ hasText: HUAQIANG.company }).waitFor();
    await b.page.getByTestId("capture-note").fill("补充：他们用的是自建系统");
    await again.tap(b.page.getByTestId("capture-save"));
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    assert.equal(again.count, 3);

    // A correction is a new note naming the one it corrects; the original stays as it was.
    await b.page.getByTestId("capture-recent-note").filter({ hasText: "王总同意下周安排交流会" }).getByTestId("capture-correct").click();
    await b.page.getByTestId("capture-correcting").waitFor();
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "王总同意下周安排交流会");
    await b.page.getByTestId("capture-note").fill("王总同意下下周安排交流会（时间更正）");
    await screenshot(b.page, "capture-correction");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    assert.equal(await b.page.getByTestId("capture-correcting").count(), 0);
    await expectPending(b.page, 0);
    const bodies = (await serverNotes(HUAQIANG.id)).map((n) => n.body);
    assert.equal(bodies.length, 3);
    assert.ok(bodies.includes("王总同意下周安排交流会"), "the original is kept");
    assert.ok(
      bodies.some((body) => /^【更正 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 的笔记】\n\n王总同意下下周安排交流会（时间更正）$/.test(body)),
      bodies.join(" | ")
    );

    // From a prospect (its route) the prospect is chosen already.
    await b.page.goto(`${server.url}/capture/${JINGGONG.id}`);
    await b.page.getByTestId("capture-chosen").filter({ hasText: JINGGONG.company }).waitFor();
    await choose(b.page, "kind-call");
    await b.page.getByTestId("capture-note").fill("电话：厂长说月底再谈");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await expectPending(b.page, 0);
    assert.deepEqual((await serverNotes(JINGGONG.id)).map((n) => [n.body, n.kind]), [["电话：厂长说月底再谈", "call"]]);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a prospect created on the spot gets the note with the first-visit checklist as a list", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-new-prospect").click();
    // Saving without a company is refused with a clear message and loses nothing.
    await b.page.getByTestId("capture-note").fill("门口见到了采购经理");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "请填写公司名称" }).waitFor();
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "门口见到了采购经理");
    await b.page.getByTestId("capture-company").fill("佛山顺德精密模具厂");
    await b.page.getByTestId("capture-contact").fill("陈经理");
    await b.page.getByTestId("capture-phone").fill("0757-2222333");
    // A new prospect is a lead: the first-visit template is the default.
    assert.equal(await b.page.getByTestId("template-first_visit").isChecked(), true);
    await b.page.locator('[data-testid="checklist-item"][data-id="ki_budget"]').check();
    await b.page.locator('[data-testid="checklist-item"][data-id="fv_decision_makers"]').check();
    await screenshot(b.page, "capture-new-prospect");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await b.page.getByTestId("capture-chosen").filter({ hasText: "佛山顺德精密模具厂" }).waitFor();
    await screenshot(b.page, "capture-new-prospect-saved");
    await expectPending(b.page, 0);
    const changes = await (await api(server.url)).pullAll();
    const prospect = changes.find((c) => c.entity === "prospect" && c.data?.company === "佛山顺德精密模具厂");
    assert.ok(prospect, "the prospect reached the server");
    assert.deepEqual(prospect.data.contacts.map((c) => [c.name, c.phone]), [["陈经理", "0757-2222333"]]);
    const [note] = await serverNotes(prospect.id);
    assert.match(note.body, /^门口见到了采购经理\n\n【已收集的关键信息】\n☐ 时间表\n☑ 预算\n/);
    assert.match(note.body, /☑ 已找出老板及关键人员/);
    assert.match(note.body, /☐ 已重新确认客户等级/);
  } finally {
    await b.close();
  }
});

test("the exchange agenda timer keeps counting across a reload and its times go into the note", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "记录" }).click();
    await pick(b.page, JINGGONG.company);
    await choose(b.page, "template-exchange");
    await b.page.getByTestId("capture-note").fill("老板和 IT 经理出席");
    await b.page.getByTestId("agenda-start").click();
    const elapsed = () => b.page.getByTestId("agenda-clock").getAttribute("data-elapsed-ms").then(Number);
    await b.page.waitForFunction(() => Number(document.querySelector('[data-testid="agenda-clock"]')?.dataset.elapsedMs) >= 2000);
    await screenshot(b.page, "capture-agenda-running");
    const before = await elapsed();

    await b.page.reload();
    // Same prospect, same template, the text kept, and the clock still running from where it was.
    await b.page.getByTestId("capture-chosen").filter({ hasText: JINGGONG.company }).waitFor();
    await b.page.getByTestId("agenda-pause").waitFor();
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "老板和 IT 经理出席");
    assert.ok((await elapsed()) >= before, "elapsed time kept over the reload");
    await b.page.waitForFunction((t) => Number(document.querySelector('[data-testid="agenda-clock"]')?.dataset.elapsedMs) > t + 1000, before);

    // Next item: the first item's time is banked, the second one runs.
    await b.page.getByTestId("agenda-next").click();
    await b.page.getByTestId("agenda-current").filter({ hasText: "为何需要 ERP" }).waitFor();
    await b.page.waitForFunction(() => Number(document.querySelector('[data-testid="agenda-clock"]')?.dataset.elapsedMs) >= 1000);
    await b.page.getByTestId("agenda-pause").click();
    const paused = await elapsed();
    await b.page.getByTestId("agenda-start").waitFor();
    await screenshot(b.page, "capture-agenda-paused");
    assert.equal(await elapsed(), paused, "a paused item does not count");

    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await expectPending(b.page, 0);
    const notes = await serverNotes(JINGGONG.id);
    const note = notes.find((n) => n.body.startsWith("老板和 IT 经理出席"));
    assert.equal(note.kind, "meeting");
    assert.match(note.body, /【交流会议议程】\n公司简介：计划 10–15 分钟，实际 1 分钟\n为何需要 ERP，如何实施 ERP：计划 40 分钟，实际 1 分钟\n合计：实际 \d+ 分钟/);
    // Saved: the draft and its timer are gone, so nothing reopens on the prospect by itself.
    await b.page.reload();
    await b.page.getByTestId("capture-picker").waitFor();
    await pick(b.page, JINGGONG.company);
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "");
    assert.equal(await b.page.getByTestId("agenda-pause").count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a photo is compressed, shown, uploaded before its note, and the note on the server references it", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    const requests = [];
    b.page.on("request", (r) => {
      if (r.url().includes("/api/v1/attachments/") && r.method() === "PUT") requests.push("upload");
      if (r.url().endsWith("/api/v1/sync/push")) requests.push(r.postData()?.includes("note.add") ? "push-note" : "push");
    });
    await b.page.getByRole("link", { name: "记录" }).click();
    await pick(b.page, HUAQIANG.company);
    await b.page.getByTestId("capture-photos").setInputFiles({ name: "factory.png", mimeType: "image/png", buffer: await pngBuffer(b.page, 2400, 1800) });
    await b.page.locator('[data-testid="capture-form"] [data-testid="photo-thumb"] img').waitFor();
    await b.page.getByTestId("capture-note").fill("车间照片：三条 SMT 线");
    await b.page.locator('[data-testid="capture-form"] [data-testid="photo-thumb"]').scrollIntoViewIfNeeded();
    await screenshot(b.page, "capture-photo-draft");
    // The photo survives a reload with the draft (a draft's photo is not uploaded).
    await b.page.reload();
    await b.page.locator('[data-testid="capture-form"] [data-testid="photo-thumb"] img').waitFor();
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), "车间照片：三条 SMT 线");
    assert.deepEqual(requests, [], "nothing was sent for the draft");
    await b.context.setOffline(true);
    await b.page.getByTestId("net-status").filter({ hasText: "离线" }).waitFor();
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    // Offline: the prospect's photos show it waiting for upload.
    const saved = b.page.locator('[data-testid="capture-recent"] [data-testid="photo-thumb"]');
    await saved.filter({ hasText: "待上传" }).waitFor();
    await saved.first().scrollIntoViewIfNeeded();
    await screenshot(b.page, "capture-photo-pending");

    await b.context.setOffline(false);
    await expectPending(b.page, 0);
    await b.page.locator('[data-testid="capture-recent"] [data-testid="photo-thumb"][data-state="uploaded"]').waitFor();
    await screenshot(b.page, "capture-photo-uploaded");
    assert.deepEqual(requests.filter((r) => r !== "push").slice(0, 2), ["upload", "push-note"], "the photo goes before its note");

    const note = (await serverNotes(HUAQIANG.id)).find((n) => n.body === "车间照片：三条 SMT 线");
    assert.equal(note.attachment_ids.length, 1);
    const id = note.attachment_ids[0];
    assert.equal(await saved.first().getAttribute("data-attachment-id"), id);
    const token = (await (await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "rep1", password: "demo" }),
    })).json()).token;
    const res = await fetch(`${server.url}/api/v1/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/jpeg");
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual(jpegSize(bytes), { width: 1600, height: 1200 }, "longest side scaled to 1600");
    assert.ok(bytes.length < 500_000, `compressed: ${bytes.length} bytes`);

    // On another phone the photo is downloaded with the rep's token and shown.
    const other = await launch();
    try {
      await signIn(other.page, server.url);
      await other.page.goto(`${server.url}/capture/${HUAQIANG.id}`);
      const downloaded = other.page.locator(`[data-testid="capture-recent"] [data-attachment-id="${id}"][data-state="uploaded"] img`);
      await downloaded.waitFor();
      await downloaded.scrollIntoViewIfNeeded();
      await screenshot(other.page, "capture-photo-other-phone");
      await other.page.locator(`[data-attachment-id="${id}"] .thumb-view`).click();
      await other.page.locator("dialog.photo-viewer img").waitFor();
      await screenshot(other.page, "capture-photo-viewer");
    } finally {
      await other.close();
    }
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.close();
  }
});

test("a photo the server refuses is marked with the reason and not sent again; its note still syncs", async () => {
  // Without a service worker: once the worker claims the page mid-test, Chromium can send the
  // page's requests past `page.route` (seen under load: the upload reached the real server and
  // the refusal below never came). Nothing here is about offline.
  const b = await launch({ serviceWorkers: "block" });
  try {
    // What the page said and asked the server, with times (reported if the wait below fails).
    const log = [];
    const note = (line) => log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    b.page.on("console", (m) => note(`${m.type()}: ${m.text()}`));
    b.page.on("requestfinished", (r) => {
      if (r.url().includes("/api/")) note(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    b.page.on("requestfailed", (r) => note(`failed ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
    await signIn(b.page, server.url);
    let uploads = 0;
    // As a proxy with a small body limit would answer.
    await b.page.route("**/api/v1/attachments/*", (route) => {
      if (route.request().method() !== "PUT") return route.continue();
      uploads += 1;
      return route.fulfill({
        status: 413,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "payload_too_large", message: "body over the limit" } }),
      });
    });
    await b.page.getByRole("link", { name: "记录" }).click();
    await pick(b.page, JINGGONG.company);
    await b.page.getByTestId("capture-photos").setInputFiles({ name: "card.png", mimeType: "image/png", buffer: await pngBuffer(b.page, 800, 500) });
    await b.page.locator('[data-testid="capture-form"] [data-testid="photo-thumb"] img').waitFor();
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await expectPending(b.page, 0);
    const refused = b.page.locator('[data-testid="capture-recent"] [data-testid="photo-thumb"][data-state="refused"]');
    try {
      await refused.filter({ hasText: "服务器拒收" }).waitFor();
    } catch (e) {
      // This wait timed out in about one full CI run in five and never alone: say what the
      // page showed, to find out why.
      const shown = await b.page.evaluate(() => ({
        status: document.querySelector('[data-testid="sync-status"]')?.outerHTML,
        thumbs: [...document.querySelectorAll('[data-testid="photo-thumb"]')].map((t) => `${t.closest('[data-testid="capture-recent"]') ? "recent" : "draft"}:${t.dataset.attachmentId}:${t.dataset.state}`),
        recent: document.querySelector('[data-testid="capture-recent"]')?.innerText,
      }));
      throw new Error(`${e.message}\nuploads: ${uploads}; page: ${JSON.stringify(shown)}; console: ${JSON.stringify(log.slice(-40))}`);
    }
    // Translated from the code, never the server's English text.
    await b.page.getByTestId("photo-refused-reason").filter({ hasText: "第 1 张照片太大，服务器拒收，不会再上传。请重新拍一张" }).waitFor();
    assert.doesNotMatch(await b.page.getByTestId("photo-refused-reason").textContent(), /body over the limit/);
    await refused.first().scrollIntoViewIfNeeded();
    await screenshot(b.page, "capture-photo-refused");
    assert.equal(uploads, 1);
    // Another round (a new note) does not send the refused photo again.
    await b.page.getByTestId("capture-note").fill("名片已收");
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await expectPending(b.page, 0);
    const notes = await serverNotes(JINGGONG.id);
    assert.ok(notes.some((n) => n.body.startsWith("名片已收")), "the second round happened");
    assert.equal(uploads, 1);
    // The photo-only note reached the server, referencing the photo.
    assert.ok(notes.some((n) => n.body === "（现场照片）" && n.attachment_ids.length === 1));
  } finally {
    await b.close();
  }
});
