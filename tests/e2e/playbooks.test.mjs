// The playbooks read as guides: a screen opened from far down the index starts at its heading,
// and a stage's checklist shows empty boxes (things to check), never ticks as if done.
// 360×740, against the real server, in the three languages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { expectHeading, launch, screenshot, setLang, signIn, startServer } from "./lib/harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("a playbook opened from the bottom of the index starts at its heading", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.goto(`${server.url}/playbooks`);
    await expectHeading(b.page, "销售攻略");
    // The objection playbook's link sits below the fold at 360×740, and its page is long
    // enough to keep a scroll position: scroll to the link and open it.
    const last = b.page.getByTestId("playbook-link-objection-playbook");
    await last.scrollIntoViewIfNeeded();
    assert.ok((await b.page.evaluate(() => window.scrollY)) > 0, "the index scrolled to reach the link");
    await last.click();
    await b.page.waitForURL(/\/playbooks\/objections$/);
    await b.page.waitForFunction(() => window.scrollY === 0, null, { timeout: 5_000 });
    const box = await b.page.locator("main h1").boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 740, `the heading is on screen (y = ${box?.y})`);
    await screenshot(b.page, "playbook-opened-from-index-zh-hans");
  } finally {
    await b.close();
  }
});

test("a stage checklist shows empty boxes, not ticks, in every language", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    for (const [lang, heading] of [["zh-Hans", "初访：阶段攻略"], ["zh-Hant", null], ["en", null]]) {
      await setLang(b.page, server.url, lang);
      await b.page.goto(`${server.url}/playbooks/first_visit`);
      if (heading) await expectHeading(b.page, heading);
      const item = b.page.getByTestId("playbook-check").first();
      await item.scrollIntoViewIfNeeded();
      const marker = await item.evaluate((el) => getComputedStyle(el, "::before").content);
      assert.ok(!marker.includes("✓") && !marker.includes("✔"), `${lang}: checklist marker ${marker} is not a tick`);
      await screenshot(b.page, `playbook-checklist-${lang.toLowerCase()}`);
    }
  } finally {
    await b.close();
  }
});
