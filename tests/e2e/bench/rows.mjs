// Benchmark of the browser's share of a search keystroke: the frame that shows the Prospects
// list's rows with new text, without the app's script. In headless Chromium with the CPU
// slowed down 4× (as tests/e2e/bench/prospects.mjs), on the real screen with 400 prospects,
// it changes the rows' DOM directly at the start of a frame (in a requestAnimationFrame
// callback) and times until the task after that frame: style, layout, paint and commit of
// exactly that change, with no wait for the display's next frame. Prints numbers; asserts
// nothing.
//   TUOKE_SERVER_BIN=target/release/tuoke-server node tests/e2e/bench/rows.mjs
// Environment: ITER (60 changes per case and round; 3 rounds, cases interleaved), THROTTLE (4),
// CASES: JSON object of name → case, to replace the default cases; a case is
//   { "rows": n }      the company and contact lines of the first n rows get new text,
//   { "paint": true }  one row's background colour changes (paint, no layout),
//   { "attr": true }   one row gets a new data attribute (nothing to lay out or paint),
//   and any case may add "css": a style sheet in force while it runs (e.g. to hide parts of
//   the rows, or try another layout).
import { launch, startServer } from "../lib/harness.mjs";
import { openProspects, seedProspects } from "./phone.mjs";

const N = 400;
const ITER = Number(process.env.ITER ?? 60);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const CASES = process.env.CASES ? JSON.parse(process.env.CASES) : {
  "nothing to draw": { attr: true },
  "paint one row": { paint: true },
  "text of 1 row": { rows: 1 },
  "text of 2 rows": { rows: 2 },
  "text of 4 rows": { rows: 4 },
  "text of 7 rows": { rows: 7 },
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * p) - 1];

const server = await startServer();
try {
  await seedProspects(server, N);
  const b = await launch();
  try {
    await openProspects(b, server, N, THROTTLE);

    const results = {};
    for (let round = 0; round < 3; round++) {
      for (const [name, c] of Object.entries(CASES)) {
        const times = await b.page.evaluate(async ([c, iter]) => {
          const style = document.createElement("style");
          style.textContent = c.css ?? "";
          document.head.append(style);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
          const rows = [...document.querySelectorAll('[data-testid="prospect-row"]')];
          const companies = ["东莞华强制造有限公司 ", "苏州恒力制造有限公司 ", "宁波海天制造有限公司 ", "深圳精工制造有限公司 "];
          const contacts = ["王经理 · 0755-83000", "李总 · 0755-83001", "张工 · 0755-83002"];
          const change = (it) => {
            if (c.attr) return rows[0].setAttribute("data-changed", String(it));
            if (c.paint) return void (rows[0].style.backgroundColor = it % 2 ? "#fff" : "#f4f4f4");
            rows.slice(0, c.rows).forEach((row, j) => {
              row.querySelector(".company").firstChild.nodeValue = companies[(it + j) % 4] + (it * 7 + j);
              row.querySelector(".prow-sub").firstChild.nodeValue = `${contacts[(it + j) % 3]}${100 + it * 7 + j} · 伺服电机 · 华南`;
            });
          };
          const times = [];
          for (let it = 0; it < iter; it++) {
            times.push(await new Promise((done) => requestAnimationFrame(() => {
              const t0 = performance.now();
              change(it);
              setTimeout(() => done(performance.now() - t0), 0);
            })));
            await new Promise((r) => setTimeout(r, 30));
          }
          style.remove();
          return times;
        }, [c, ITER]);
        (results[name] ??= []).push(...times);
      }
    }
    console.log(`Frame after a change of the Prospects rows (${Object.values(results)[0].length} changes each), CPU throttled ${THROTTLE}×:`);
    for (const [name, t] of Object.entries(results)) {
      const mean = t.reduce((a, b) => a + b, 0) / t.length;
      console.log(`  ${name.padEnd(20)} p50 ${pct(t, 0.5).toFixed(1)} ms, p90 ${pct(t, 0.9).toFixed(1)} ms, mean ${mean.toFixed(1)} ms`);
    }
  } finally {
    await b.close();
  }
} finally {
  await server.stop();
}
