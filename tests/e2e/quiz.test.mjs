// The training quiz end to end at 360×740: reached from More, ten questions, a reload in the
// middle (the countdown goes on, the answers are kept), hand in, score and verdict from the
// core, the review of wrong answers, and the attempt on the server; an attempt left past its
// 40 minutes is handed in on the next open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { api, expectPending, launch, screenshot, signIn, startServer } from "./lib/harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const leftMs = (page) => page.getByTestId("quiz-timer").getAttribute("data-left-ms").then(Number);

/** Answers the question shown: the first option, and the second too on a multiple choice. */
async function answer(page) {
  const options = page.getByTestId("quiz-option");
  await options.first().check();
  if ((await options.first().getAttribute("type")) === "checkbox") await options.nth(1).check();
}

async function attempts(user = "rep1") {
  const changes = await (await api(server.url, user)).pullAll();
  return changes.filter((c) => c.entity === "quiz_attempt" && c.data).map((c) => c.data);
}

test("ten questions survive a reload mid-quiz, the score and verdict come from the core and the attempt reaches the server", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url);
    await b.page.getByRole("link", { name: "更多" }).click();
    await b.page.getByTestId("more-quiz").waitFor();
    await screenshot(b.page, "more-list");
    await b.page.getByTestId("more-quiz").click();
    await b.page.getByTestId("quiz-no-attempts").waitFor();
    await b.page.getByTestId("quiz-start").click();
    await b.page.getByTestId("quiz-question").waitFor();
    assert.equal(await b.page.getByTestId("quiz-dot").count(), 10);
    const full = await leftMs(b.page);
    assert.ok(full <= 40 * 60_000 && full > 39 * 60_000, `a 40-minute countdown (${full})`);

    const seen = [];
    for (let i = 0; i < 5; i++) {
      seen.push(await b.page.getByTestId("quiz-question").getAttribute("data-question-id"));
      await answer(b.page);
      await b.page.getByTestId("quiz-next").click();
    }
    await b.page.getByTestId("quiz-answered").filter({ hasText: "已答 5/10" }).waitFor();
    await screenshot(b.page, "quiz-question");
    const beforeReload = await leftMs(b.page);

    await b.page.reload();
    // Same questions, same answers, same place, and the clock did not restart.
    await b.page.getByTestId("quiz-answered").filter({ hasText: "已答 5/10" }).waitFor();
    assert.equal(await b.page.getByTestId("quiz-question").getAttribute("data-question-id") !== null, true);
    const afterReload = await leftMs(b.page);
    assert.ok(afterReload <= beforeReload, `the countdown continues (${beforeReload} → ${afterReload})`);
    await b.page.waitForFunction((t) => Number(document.querySelector('[data-testid="quiz-timer"]')?.dataset.leftMs) < t, afterReload);
    await b.page.getByTestId("quiz-dot").first().click();
    assert.equal(await b.page.getByTestId("quiz-question").getAttribute("data-question-id"), seen[0]);
    assert.equal(await b.page.getByTestId("quiz-option").first().isChecked(), true);
    await b.page.getByTestId("quiz-dot").nth(5).click();
    for (let i = 5; i < 10; i++) {
      await answer(b.page);
      if (i < 9) await b.page.getByTestId("quiz-next").click();
    }
    await b.page.getByTestId("quiz-answered").filter({ hasText: "已答 10/10" }).waitFor();
    await b.page.getByTestId("quiz-submit").click();

    const result = b.page.getByTestId("quiz-result");
    await result.waitFor();
    await screenshot(b.page, "quiz-result");
    const points = Number(await result.getAttribute("data-points"));
    const passed = (await result.getAttribute("data-passed")) === "true";
    assert.equal(passed, points >= 80, "pass at 80");
    assert.equal(await b.page.getByTestId("quiz-verdict").textContent(), passed ? "通过" : "未通过");
    assert.equal(await b.page.getByTestId("quiz-score").textContent(), `${points} 分`);
    // Every question not scored is reviewed with the right answer.
    assert.equal(await b.page.getByTestId("quiz-wrong").count(), (100 - points) / 10);
    if (points < 100) {
      assert.match(await b.page.getByTestId("quiz-wrong").first().textContent(), /正确答案：/);
    }

    await expectPending(b.page, 0);
    const [attempt] = await attempts();
    assert.equal(attempt.score.points, points, "the server grades it the same");
    assert.equal(attempt.score.passed, passed);
    assert.equal(attempt.answers.length, 10);
    assert.equal(attempt.within_time, true);

    // The past attempts list it.
    await b.page.getByTestId("quiz-home").click();
    await b.page.getByTestId("quiz-past-row").filter({ hasText: `${points} 分` }).waitFor();
    await screenshot(b.page, "quiz-past");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("an attempt left past its 40 minutes is handed in on the next open, as of its deadline", async () => {
  const b = await launch();
  try {
    await signIn(b.page, server.url, "rep2");
    await b.page.goto(`${server.url}/quiz`);
    await b.page.getByTestId("quiz-start").click();
    await answer(b.page);
    await b.page.getByTestId("quiz-answered").filter({ hasText: "已答 1/10" }).waitFor();
    // The phone was put away 41 minutes ago: move the stored start back.
    await b.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith("tuoke.quiz.") && k.endsWith(".attempt"));
      const a = JSON.parse(localStorage.getItem(key));
      a.started_at = new Date(Date.now() - 41 * 60_000).toISOString();
      localStorage.setItem(key, JSON.stringify(a));
    });
    await b.page.reload();
    const result = b.page.getByTestId("quiz-result");
    await result.waitFor();
    await b.page.getByText("时间到，已自动交卷。").waitFor();
    await screenshot(b.page, "quiz-time-up");
    assert.equal(await result.getAttribute("data-passed"), "false");
    await expectPending(b.page, 0);
    const [attempt] = await attempts("rep2");
    assert.equal(attempt.answers.length, 1);
    assert.equal(attempt.within_time, true, "handed in as of the deadline");
    const took = new Date(attempt.submitted_at) - new Date(attempt.started_at);
    assert.equal(took, 40 * 60_000);
  } finally {
    await b.close();
  }
});
