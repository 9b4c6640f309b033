// Errors end to end, in Simplified Chinese at 360×740: a change the server refuses (the phone's
// clock two days fast), a capture the server would refuse (never queued), and the phone's
// storage running full while the rep saves. Each message says what happened and what to do,
// in Chinese, and nothing the rep typed is lost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, expectPending, launch, screenshot, signIn, startServer } from "./lib/harness.mjs";

/** A demo prospect of rep1 (`tuoke-server serve --demo`). */
const HUAQIANG = { id: "0193a000-0000-7000-8000-000000000001", company: "深圳华强电子有限公司" };

const DAY_MS = 24 * 3600 * 1000;

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Latin words in a text (a Chinese screen must have none; "Wi-Fi" is written so in Chinese too). */
function englishIn(text) {
  return text.replace(/Wi-Fi/g, "").match(/[A-Za-z]{2,}/g) ?? [];
}

/** The phone's clock runs `offsetMs` ahead of the real time, in every page of the context. */
async function clockAhead(context, offsetMs) {
  await context.addInitScript((offset) => {
    const RealDate = Date;
    class PhoneDate extends RealDate {
      constructor(...args) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...args);
      }
      static now() {
        return RealDate.now() + offset;
      }
    }
    globalThis.Date = PhoneDate;
  }, offsetMs);
}

/**
 * IndexedDB writes throw `QuotaExceededError`, as on a full phone, while the page's
 * `__tuokeStorageFull` is set (a reload clears it).
 */
async function storageCanFill(context) {
  await context.addInitScript(() => {
    for (const method of ["put", "add"]) {
      const real = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (...args) {
        if (globalThis.__tuokeStorageFull) {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        }
        return real.apply(this, args);
      };
    }
  });
}

test("a note the server refuses (the phone's clock is two days fast) is explained in Chinese with what to do", async () => {
  const b = await launch();
  try {
    await clockAhead(b.context, 2 * DAY_MS);
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-pick").filter({ hasText: HUAQIANG.company }).click();
    await b.page.getByTestId("capture-note").fill("手机时间快了两天时写的笔记");
    await b.page.getByTestId("capture-save").click();
    // Saved on the phone: the phone cannot know its clock is wrong.
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();

    // The server refuses it; the status bar says something needs the rep's attention.
    await expectPending(b.page, 0);
    await b.page.getByTestId("sync-status").filter({ hasText: "⚠" }).waitFor();
    const pill = await b.page.getByTestId("sync-status").textContent();
    assert.deepEqual(englishIn(pill), [], pill);
    await b.page.getByRole("link", { name: /⚠/ }).click();
    const refused = b.page.getByTestId("sync-rejected");
    await refused.waitFor();
    assert.equal(await refused.locator("li").getAttribute("data-code"), "in_future");
    const text = await refused.textContent();
    // What the change was, what happened, and what to do — in Chinese only.
    assert.match(text, /笔记/);
    assert.match(text, /时间比现在晚了一天以上/);
    assert.match(text, /请检查手机的日期和时间，再重新录入/);
    assert.deepEqual(englishIn(text), [], text);
    await screenshot(b.page, "errors-refused-in-future-zh-hans");

    // The note never reached the server.
    const notes = (await (await api(server.url)).pullAll()).filter(
      (c) => c.entity === "note" && c.data?.body === "手机时间快了两天时写的笔记"
    );
    assert.deepEqual(notes, []);
  } finally {
    await b.close();
  }
});

test("a capture the server would refuse is never queued: each problem is said at its field in Chinese", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await expectPending(b.page, 0);
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-new-prospect").click();
    // A phone number without the contact's name, and no company: the core refuses both.
    await b.page.getByTestId("capture-phone").fill("0755-8888999");
    await b.page.getByTestId("capture-note").fill("先记下电话");
    await b.page.getByTestId("capture-save").click();
    const company = b.page.getByTestId("capture-company-error");
    const contact = b.page.getByTestId("capture-contact-error");
    await company.filter({ hasText: "请填写公司名称。" }).waitFor();
    await contact.filter({ hasText: "填写电话时请同时填写联系人姓名。" }).waitFor();
    assert.equal(await b.page.getByTestId("capture-company").getAttribute("aria-invalid"), "true");
    assert.equal(await b.page.getByTestId("capture-contact").getAttribute("aria-invalid"), "true");
    // The rep lands on the first thing to fix; nothing was queued.
    await b.page.waitForFunction(() => document.activeElement?.dataset.testid === "capture-company");
    await expectPending(b.page, 0);
    await screenshot(b.page, "errors-capture-fields-zh-hans");

    // Fixing a field clears its message; then the capture saves.
    await b.page.getByTestId("capture-company").fill("电话先行测试厂");
    await company.waitFor({ state: "detached" });
    await b.page.getByTestId("capture-contact").fill("刘经理");
    await contact.waitFor({ state: "detached" });
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await expectPending(b.page, 0);
    const changes = await (await api(server.url)).pullAll();
    const prospect = changes.find((c) => c.entity === "prospect" && c.data?.company === "电话先行测试厂");
    assert.deepEqual(prospect.data.contacts.map((c) => [c.name, c.phone]), [["刘经理", "0755-8888999"]]);
  } finally {
    await b.close();
  }
});

test("a full phone refuses the save in Chinese, says what to do, and keeps everything typed", async () => {
  const b = await launch();
  const company = "存储已满测试厂";
  const note = "存储满时写下的笔记，不能丢";
  try {
    await storageCanFill(b.context);
    await signIn(b.page, server.url);
    await expectPending(b.page, 0);
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-new-prospect").click();
    await b.page.getByTestId("capture-company").fill(company);
    await b.page.getByTestId("capture-note").fill(note);

    // The phone's storage is full from now on.
    await b.page.evaluate(() => {
      globalThis.__tuokeStorageFull = true;
    });
    await b.page.getByTestId("capture-save").click();
    const message = b.page.getByTestId("capture-message").filter({ hasText: "没有保存" });
    await message.waitFor();
    const text = await message.textContent();
    // What happened, what to do, and that the draft is kept — in Chinese only.
    assert.match(text, /手机存储空间已满/);
    assert.match(text, /请删除不需要的照片、视频或应用，腾出空间后再试/);
    assert.match(text, /草稿仍保留在本页/);
    assert.deepEqual(englishIn(text), [], text);
    assert.equal(await b.page.getByTestId("capture-company").inputValue(), company);
    assert.equal(await b.page.getByTestId("capture-note").inputValue(), note);
    await message.scrollIntoViewIfNeeded();
    await screenshot(b.page, "errors-storage-full-capture-zh-hans");

    // Syncing now fails on the full storage too: the sync screen says so in Chinese.
    await b.page.getByTestId("sync-status").click();
    await b.page.getByTestId("sync-now").click();
    const paused = b.page.getByTestId("sync-error").filter({ hasText: "同步暂停" });
    await paused.waitFor();
    const pausedText = await paused.textContent();
    assert.match(pausedText, /手机存储空间已满/);
    assert.deepEqual(englishIn(pausedText), [], pausedText);
    await screenshot(b.page, "errors-storage-full-sync-zh-hans");

    // Space freed: back on Capture the draft is all there, and this time it saves and syncs.
    await b.page.evaluate(() => {
      globalThis.__tuokeStorageFull = false;
    });
    await b.page.getByRole("link", { name: "记录" }).click();
    await b.page.getByTestId("capture-new").waitFor();
    await b.page.waitForFunction(
      ([c, n]) =>
        document.querySelector('[data-testid="capture-company"]')?.value === c &&
        document.querySelector('[data-testid="capture-note"]')?.value === n,
      [company, note]
    );
    await b.page.getByTestId("capture-save").click();
    await b.page.getByTestId("capture-message").filter({ hasText: "已保存到本机" }).waitFor();
    await expectPending(b.page, 0);
    const changes = await (await api(server.url)).pullAll();
    const prospects = changes.filter((c) => c.entity === "prospect" && c.data?.company === company);
    assert.equal(prospects.length, 1);
    const notes = changes.filter((c) => c.entity === "note" && c.data?.prospect_id === prospects[0].id);
    assert.deepEqual(notes.map((c) => c.data.body), [note]);
  } finally {
    await b.close();
  }
});
