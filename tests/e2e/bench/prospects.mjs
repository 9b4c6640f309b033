// Benchmark of the Prospects screen with N prospects on the phone, in headless Chromium with
// the CPU slowed down 4× (CDP Emulation.setCPUThrottlingRate), against the real server. Prints
// numbers; asserts nothing. Use a release PWA build (dist/) and preferably a release server:
//   TUOKE_SERVER_BIN=target/release/tuoke-server node tests/e2e/bench/prospects.mjs
// Environment: N (10000 prospects), RUNS (7), THROTTLE (4).
// 1. Open the Prospects screen: from the tap on the Prospects tab (coming from Today, the
//    app already running) until the rows are painted.
// 2. Search as you type: for each keystroke, from the input event until the updated list is
//    painted (the time to the first frame after the change), p50/p95 over every keystroke
//    of several queries (company, contact, phone, product).
// 3. For reference: a cold start (reload on /prospects) until the rows are painted.
import { api, launch, signIn, startServer } from "../lib/harness.mjs";

const N = Number(process.env.N ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 7);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const QUERIES = ["精工", "王经理", "0755-83", "伺服电机", "有限公司 12"];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`;

const INDUSTRIES = ["electronics", "electrical_machinery", "machinery", "hardware", "tools", "other"];
const SOURCES = ["event", "telemarketing", "call_in", "customer_referral", "personal_referral", "other"];
const PRODUCTS = ["PCB 组件", "伺服电机", "五金冲压件", "数控机床", "电源模块", "电动工具"];
const NAMES = ["王经理", "李总", "张工", "陈厂长", "刘主任", "赵会计"];

/** A prospect.put with the fields the list searches and filters on. */
function prospect(i) {
  const qualification = i % 3 === 0
    ? { objective_need: true, subjective_need: true, determination: ["high", "mid", "low"][i % 3], feasibility_started: i % 2 === 0, selection_started: false }
    : undefined;
  return {
    id: crypto.randomUUID(),
    patch: {
      company: `${["深圳", "东莞", "苏州", "宁波"][i % 4]}${["精工", "华强", "恒力", "海天"][i % 4]}制造有限公司 ${i}`,
      industry: INDUSTRIES[i % INDUSTRIES.length],
      source: SOURCES[i % SOURCES.length],
      products: PRODUCTS[i % PRODUCTS.length],
      region: "华南",
      annual_revenue_cny: 30_000_000 + (i % 50) * 10_000_000,
      informatized: false,
      ...(qualification ? { qualification } : {}),
      contacts: [{ name: NAMES[i % NAMES.length], phone: `0755-83${String(i).padStart(6, "0")}` }],
    },
  };
}

const server = await startServer();
try {
  // Seed N prospects for rep1 through the API, as another device would have.
  const rep = await api(server.url, "rep1");
  const clientId = crypto.randomUUID();
  for (let first = 0; first < N; first += 500) {
    const mutations = [];
    for (let i = first; i < Math.min(N, first + 500); i++) {
      mutations.push({ id: crypto.randomUUID(), name: "prospect.put", args: prospect(i), at: new Date().toISOString() });
    }
    const r = await rep.post("/api/v1/sync/push", { client_id: clientId, mutations });
    if (!r.ok) throw new Error(`seed push failed: ${r.status}`);
  }

  const b = await launch();
  try {
    await signIn(b.page, server.url);
    // Wait for the first sync to bring every prospect onto the phone.
    await b.page.goto(`${server.url}/prospects`);
    await b.page.waitForFunction((n) => {
      const text = document.querySelector('[data-testid="prospect-count"]')?.textContent ?? "";
      return Number(text.replace(/\D/g, "")) >= n;
    }, N, { timeout: 600_000 });
    const total = await b.page.getByTestId("prospect-count").textContent();

    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });

    // 3. Cold start on /prospects.
    const colds = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      await b.page.reload();
      await b.page.getByTestId("prospect-row").first().waitFor({ timeout: 120_000 });
      colds.push(await b.page.evaluate(() => performance.now()));
    }

    // 1. Today → Prospects tab, in the running app.
    const opens = [];
    for (let i = 0; i < RUNS; i++) {
      await b.page.getByRole("link", { name: "今日" }).click();
      await b.page.locator("main h1").filter({ hasText: "今日" }).waitFor();
      // Let Today settle (its data loaded and painted) before the tap.
      await b.page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      opens.push(await b.page.evaluate(() => new Promise((resolve) => {
        const tab = [...document.querySelectorAll("nav.tab-bar a")].find((a) => a.getAttribute("href") === "/prospects");
        const t0 = performance.now();
        tab.click();
        const check = () => {
          if (document.querySelector('[data-testid="prospect-row"]')) {
            // The rows are in the DOM: the time to the frame that paints them.
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      })));
    }

    // 2. Keystrokes.
    const keys = [];
    for (const query of QUERIES) {
      keys.push(...await b.page.evaluate(async ([query, verbose]) => {
        const input = document.querySelector('[data-testid="prospect-search"]');
        const times = [];
        input.focus();
        input.value = "";
        input.dispatchEvent(new InputEvent("input", { bubbles: true }));
        await new Promise((r) => setTimeout(r, 200));
        for (const ch of query) {
          const t0 = performance.now();
          input.value += ch;
          input.dispatchEvent(new InputEvent("input", { bubbles: true, data: ch, inputType: "insertText" }));
          if (verbose) {
            // Where the time goes: the event itself, the tasks it queued (the render), the
            // next frame, the paint. (The extra task hop adds a little to the total.)
            const t1 = performance.now();
            await new Promise((r) => setTimeout(r, 0));
            const t2 = performance.now();
            let t3 = 0;
            await new Promise((r) => requestAnimationFrame(() => { t3 = performance.now(); setTimeout(r, 0); }));
            times.push(performance.now() - t0);
            (window.__phases ??= []).push([t1 - t0, t2 - t0, t3 - t0, performance.now() - t0].map(Math.round));
          } else {
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            times.push(performance.now() - t0);
          }
          // A typist's next key comes after the screen has settled.
          await new Promise((r) => setTimeout(r, 120));
        }
        return times;
      }, [query, Boolean(process.env.VERBOSE)]));
    }
    const finalCount = await b.page.getByTestId("prospect-count").textContent();
    const rows = await b.page.getByTestId("prospect-row").count();

    console.log(`Prospects screen, ${total} on the phone, CPU throttled ${THROTTLE}×:`);
    console.log(`  open from the Today tab (tap → rows painted), ${RUNS} runs: median ${ms(pct(opens, 0.5))}, p95 ${ms(pct(opens, 0.95))}, max ${ms(Math.max(...opens))}`);
    console.log(`  search keystroke (input → list painted), ${keys.length} keystrokes of ${QUERIES.length} queries: p50 ${ms(pct(keys, 0.5))}, p95 ${ms(pct(keys, 0.95))}, max ${ms(Math.max(...keys))}`);
    if (process.env.VERBOSE) console.log(`  phases (dispatch, tasks, frame, painted): ${JSON.stringify(await b.page.evaluate(() => window.__phases))}`);
    if (process.env.VERBOSE) console.log(`  keystrokes: ${keys.map((k) => k.toFixed(0)).join(" ")}; opens: ${opens.map((k) => k.toFixed(0)).join(" ")}`);
    console.log(`  (last query "${QUERIES.at(-1)}": ${finalCount}, ${rows} rows in the DOM)`);
    console.log(`  cold start on /prospects (navigation → rows painted): median ${ms(pct(colds, 0.5))} (${colds.map((c) => c.toFixed(0)).join(", ")})`);
  } finally {
    await b.close();
  }
} finally {
  await server.stop();
}
