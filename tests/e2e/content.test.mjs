// Shipped content as data: the playbooks and the quiz texts are per-language documents
// (content/<lang>/*.json, generated at build time and precached by the service worker), not
// part of the wasm. Offline right after install, every playbook and the quiz open in all
// three languages; a document that is not on the phone says what to do and loads once the
// phone is back online. The offline test needs a release build (debug builds register no
// service worker): TUOKE_DIST=<release dist>.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { distDir, expectHeading, launch, screenshot, setLang, signIn, startServer, waitForServiceWorker } from "./lib/harness.mjs";

const LANGS = ["zh-Hans", "zh-Hant", "en"];

/** The generated document `name` of `lang`, as the build wrote it into the dist. */
async function doc(lang, name) {
  return JSON.parse(await readFile(path.join(distDir, "content", lang, `${name}.json`), "utf8"));
}

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("offline from the first launch after install, the playbooks and the quiz open in all three languages", async (t) => {
  const b = await launch();
  try {
    // Only release builds register the service worker; they also get compressed siblings.
    if (!(await readdir(distDir)).some((f) => f.endsWith("_bg.wasm.br"))) {
      t.skip("a debug build registers no service worker: run with a release dist");
      return;
    }
    await signIn(b.page, server.url);
    await waitForServiceWorker(b.page);
    // Nothing of the playbooks or the quiz was opened online: only the install precached them.
    await b.context.setOffline(true);
    for (const lang of LANGS) {
      const playbooks = await doc(lang, "playbooks");
      const quiz = await doc(lang, "quiz");
      await setLang(b.page, server.url, lang);

      await b.page.goto(`${server.url}/playbooks/objections`);
      const titles = b.page.getByTestId("objection").locator("summary");
      await titles.first().waitFor();
      assert.deepEqual(await titles.allTextContents(), playbooks.objections.map((o) => o.title), lang);

      await b.page.goto(`${server.url}/playbooks/demo`);
      const goals = b.page.getByTestId("playbook-goal");
      await goals.first().waitFor();
      const demo = playbooks.stages.find((s) => s.stage === "demo");
      assert.deepEqual(await goals.allTextContents(), demo.goals, lang);

      await b.page.goto(`${server.url}/playbooks/maintenance`);
      await b.page.getByTestId("motto").first().waitFor();
      assert.deepEqual(await b.page.getByTestId("motto").allTextContents(), playbooks.mottos, lang);

      await b.page.goto(`${server.url}/playbooks/grades`);
      const a = b.page.getByTestId("grade-strategy-A").locator(".grade-definition");
      assert.equal(await a.textContent(), playbooks.grades[0].definition, lang);
      await screenshot(b.page, `content-offline-grades-${lang.toLowerCase()}`);

      await b.page.goto(`${server.url}/quiz`);
      // The first language starts an attempt; it stays open (kept on the phone) for the others.
      if (lang === LANGS[0]) {
        const start = b.page.getByTestId("quiz-start");
        await b.page.waitForFunction(() => !document.querySelector('[data-testid="quiz-start"]')?.disabled);
        await start.click();
      }
      const question = b.page.getByTestId("quiz-question");
      await question.waitFor();
      const id = Number(await question.getAttribute("data-question-id"));
      const text = quiz.questions.find((q) => q.id === id);
      assert.equal(await b.page.getByTestId("quiz-prompt").textContent(), text.prompt, lang);
      assert.deepEqual(await question.locator(".quiz-option span").allTextContents(), text.options, lang);
      await screenshot(b.page, `content-offline-quiz-${lang.toLowerCase()}`);
    }
    assert.equal(await b.page.getByTestId("content-error").count(), 0);
    await b.context.setOffline(false);
    assert.deepEqual(b.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  } finally {
    await b.close();
  }
});

test("a playbook whose document is not on the phone says so offline and loads when back online", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    // Once the worker's install (its precache) is over, so that it cannot put the document
    // back after it is removed here.
    await waitForServiceWorker(b.page);
    // Whatever this build cached (a release build precaches every document), the English
    // playbooks are not on the phone now.
    await b.page.evaluate(async () => {
      for (const key of await caches.keys()) await (await caches.open(key)).delete("/content/en/playbooks.json");
    });
    await setLang(b.page, server.url, "en");
    await b.page.goto(`${server.url}/playbooks`);
    await expectHeading(b.page, "Playbooks");
    // Offline, in-app navigation: the document has to come from the network.
    await b.context.setOffline(true);
    await b.page.getByTestId("playbook-link-selling").click();
    const error = b.page.getByTestId("content-error");
    await error.waitFor();
    assert.match(await error.textContent(), /You are offline and this content is not on the phone yet/);
    await screenshot(b.page, "content-offline-not-cached-en");
    // Back online: it loads by itself.
    await b.context.setOffline(false);
    const points = b.page.getByTestId("selling-point");
    await points.first().waitFor();
    assert.deepEqual(await points.allTextContents(), (await doc("en", "playbooks")).selling);
    assert.equal(await error.count(), 0);
  } finally {
    await b.close();
  }
});
