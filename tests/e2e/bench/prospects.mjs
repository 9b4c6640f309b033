// Benchmark of the Prospects screen with N prospects on the phone, in headless Chromium with
// the CPU slowed down 4× (CDP Emulation.setCPUThrottlingRate), against the real server. Prints
// numbers; asserts nothing. Use a release PWA build (dist/) and preferably a release server:
//   TUOKE_SERVER_BIN=target/release/tuoke-server node tests/e2e/bench/prospects.mjs
// Environment: N (10000 prospects), RUNS (7), THROTTLE (4), REPEAT (20: times the queries are
// typed, each time in a freshly opened screen, so its first keystroke is in every round; 460
// keystrokes, because the p95 of 3 rounds' 69 is their fourth slowest, which swings by ±8 ms
// from run to run).
// 1. Open the Prospects screen: from the tap on the Prospects tab (coming from Today, the
//    app already running) until the rows are painted.
// 2. Search as you type: for each keystroke, from the input event until the updated list is
//    painted (the time to the first frame after the change), p50/p95 over every keystroke
//    of several queries (company, contact, phone, product).
// 3. For reference: a cold start (reload on /prospects) until the rows are painted.
// Where the time goes (each optional):
//   TRACE=1: a Chromium trace of the keystrokes: the busiest events (TRACE_TASKS longest tasks
//     as trees) and, with TRACE_KEYS=ms, each keystroke slower than that as its tasks and
//     their steps, its TRACE_TOP (12) busiest events, and the mean of the main phases.
//   PROFILE=1: a CPU profile of all keystrokes; PROFILE_CHARS="王伺" one per keystroke of
//     those characters ("*": every keystroke, summed). PROFILE_US sampling interval (100),
//     PROFILE_TOP functions by self time, PROFILE_FOCUS=regex inclusive time of those,
//     PROFILE_CALLERS=regex self time of those by caller. Build the PWA with `data-keep-debug`
//     and without wasm-opt for function names (docs/benchmarks.md).
//   VERBOSE=1: the mean phases of each keystroke of the queries (the input event, the script,
//     until the next frame, the rest of it) and long frames.
//   EXTRA_CSS: a style sheet added before the keystrokes (to try a CSS change unbuilt).
//   DEBUG_ROWS=1: the count and the rows' companies and places after each keystroke.
import { launch, startServer } from "../lib/harness.mjs";
import { openProspects, seedProspects } from "./phone.mjs";

const N = Number(process.env.N ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 7);
const REPEAT = Number(process.env.REPEAT ?? 20);
const THROTTLE = Number(process.env.THROTTLE ?? 4);
const QUERIES = ["精工", "王经理", "0755-83", "伺服电机", "有限公司 12"];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`;

/** Where the renderer's main thread spent the keystrokes: total duration per trace event
 * name (complete events), busiest first. Nested events are counted in their parents too. */
function printTrace(events) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const byName = new Map();
  for (const e of events) {
    if (e.ph !== "X" || !e.dur || (main && (e.pid !== main.pid || e.tid !== main.tid))) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  // The longest tasks, each as a tree of what ran in it (events over 1 ms).
  const mainEvents = events
    .filter((e) => e.ph === "X" && e.dur && (!main || (e.pid === main.pid && e.tid === main.tid)))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = mainEvents.filter((e) => e.name === "RunTask").sort((a, b) => b.dur - a.dur).slice(0, Number(process.env.TRACE_TASKS ?? 3));
  for (const task of tasks) {
    console.log(`  task of ${(task.dur / 1000).toFixed(1)} ms:`);
    const stack = [];
    for (const e of mainEvents) {
      if (e.ts < task.ts || e.ts >= task.ts + task.dur || e === task) continue;
      while (stack.length && e.ts >= stack.at(-1).ts + stack.at(-1).dur) stack.pop();
      if (e.dur >= 1000 && stack.length < 7) {
        const what = e.args?.data?.functionName || e.args?.data?.url?.split("/").pop() || e.args?.data?.type || "";
        console.log(`    ${"  ".repeat(stack.length)}${(e.dur / 1000).toFixed(1)} ms ${e.name} ${what}`);
      }
      stack.push(e);
    }
  }
  // What forced each long layout: the events around it, outermost first.
  for (const e of mainEvents.filter((e) => e.name === "Document::UpdateStyleAndLayout" && e.dur > 5000).slice(0, 12)) {
    const around = mainEvents.filter((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur);
    const task = around[0];
    if (around.at(-1)?.name === "ThreadControllerImpl::RunTask") {
      console.log(`    posted from: ${JSON.stringify(around.at(-1).args).slice(0, 300)}`);
      const inside = events.filter((o) => o.pid === task.pid && o.tid === task.tid && o.ts >= task.ts && o.ts <= task.ts + task.dur && o !== task);
      console.log(`    task holds: ${inside.slice(0, 25).map((o) => `${o.name}${o.dur ? `:${(o.dur / 1000).toFixed(1)}` : ""}${o.args?.src_func ? `@${o.args.src_func}` : ""}${o.args?.src_file ? `@${o.args.src_file.split("/").pop()}` : ""}`).join(", ")}`);
      console.log(`    task args: ${JSON.stringify(task.args).slice(0, 300)}`);
    }
    console.log(`  forced layout ${(e.dur / 1000).toFixed(1)} ms in: ${around.map((o) => `${o.name}${o.args?.data?.functionName ? `(${o.args.data.functionName})` : ""}${o.args?.data?.type ? `[${o.args.data.type}]` : ""}`).join(" > ")}`);
  }
  for (const e of events.filter((e) => e.name === "Layout" && e.dur > 5000).slice(0, 12)) {
    console.log(`  layout ${(e.dur / 1000).toFixed(1)} ms: ${JSON.stringify(e.args?.beginData ?? {}).slice(0, 200)} roots ${JSON.stringify(e.args?.endData?.layoutRoots ?? []).slice(0, 300)}`);
  }
  console.log("  trace (main thread, inclusive):");
  for (const [name, t] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`    ${t.toFixed(1).padStart(8)} ms  ${name}`);
  }
}

/** TRACE_KEYS: for each keystroke slower than TRACE_KEYS ms, what the main thread did from
 * the input event to the painted frame: each task's top-level steps over 0.3 ms, in order,
 * and the idle gaps between tasks. */
function printKeystrokes(events, slower) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const onMain = (e) => !main || (e.pid === main.pid && e.tid === main.tid);
  const marks = events.filter((e) => e.name === "TimeStamp" && /^k[se]/.test(e.args?.data?.message ?? "")).sort((a, b) => a.ts - b.ts);
  const tasks = events.filter((e) => onMain(e) && e.ph === "X" && e.name === "RunTask").sort((a, b) => a.ts - b.ts);
  const inner = events.filter((e) => onMain(e) && e.ph === "X" && e.dur && e.name !== "RunTask").sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const phases = ["Blink.ForcedStyleAndLayout.UpdateTime", "UpdateLayoutTree", "Layout", "InlineNode::ShapeTextIncludingFirstLine", "PrePaint", "Paint", "Layerize", "Commit", "V8.GC_SCAVENGER"];
  const mean = new Map();
  const inTask = [null, new Map(), new Map()];
  let count = 0;
  for (let i = 0; i + 1 < marks.length; i++) {
    const [s, e] = [marks[i], marks[i + 1]];
    if (!s.args.data.message.startsWith("ks") || e.args.data.message !== "ke") continue;
    const total = (e.ts - s.ts) / 1000;
    count++;
    mean.set("total", (mean.get("total") ?? 0) + total);
    for (const k of inner) {
      if (k.ts >= s.ts && k.ts < e.ts && phases.includes(k.name)) mean.set(k.name, (mean.get(k.name) ?? 0) + k.dur / 1000);
    }
    const ts = tasks.filter((t) => t.ts + t.dur > s.ts && t.ts < e.ts);
    if (ts[0]) mean.set("task 1 (script)", (mean.get("task 1 (script)") ?? 0) + ts[0].dur / 1000);
    if (ts[1]) mean.set("task 2 (frame)", (mean.get("task 2 (frame)") ?? 0) + ts[1].dur / 1000);
    for (const [n, t] of [[1, ts[0]], [2, ts[1]]]) {
      for (const k of t ? inner : []) {
        if (k.ts >= t.ts && k.ts < t.ts + t.dur) inTask[n].set(k.name, (inTask[n].get(k.name) ?? 0) + k.dur / 1000);
      }
    }
    if (total < slower) continue;
    const steps = [];
    let last = s.ts;
    for (const t of tasks.filter((t) => t.ts + t.dur > s.ts && t.ts < e.ts)) {
      if (t.ts > last) steps.push(`idle ${((t.ts - last) / 1000).toFixed(1)}`);
      const kids = [];
      let end = 0;
      for (const k of inner) {
        if (k.ts < t.ts || k.ts >= t.ts + t.dur || k.ts < end || /RunTask|BeginMainFrame$|^ProxyMain|^Scheduler|BeginFrame$/.test(k.name)) continue;
        end = k.ts + k.dur;
        if (k.dur >= 300) kids.push(`${k.name} ${(k.dur / 1000).toFixed(1)}`);
      }
      steps.push(`[task ${(t.dur / 1000).toFixed(1)}: ${kids.join(", ")}]`);
      last = Math.max(last, t.ts + t.dur);
    }
    const sums = new Map();
    for (const k of inner) {
      if (k.ts < s.ts || k.ts >= e.ts || /RunTask|OnTaskCompleted/.test(k.name)) continue;
      sums.set(k.name, (sums.get(k.name) ?? 0) + k.dur / 1000);
    }
    const top = [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TRACE_TOP ?? 12)).map(([n, t]) => `${n} ${t.toFixed(1)}`);
    console.log(`  keystroke "${s.args.data.message.slice(2)}" ${total.toFixed(1)} ms: ${steps.join(" ")}\n    ${top.join(", ")}`);
  }
  console.log(`  mean of ${count} keystrokes (ms): ${[...mean].map(([n, t]) => `${n} ${(t / count).toFixed(1)}`).join(", ")}`);
  for (const n of [1, 2]) {
    console.log(`  in task ${n}, mean (ms, nested events counted in their parents too):`);
    for (const [name, t] of [...inTask[n]].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`    ${(t / count).toFixed(2).padStart(7)}  ${name}`);
  }
}

/** The functions with the most self time in CDP CPU profiles (summed over them), and their
 * share; with PROFILE_FOCUS, also the inclusive time of the functions it names. */
function printProfile(...profiles) {
  const self = new Map();
  const byFocus = new Map();
  const byCaller = new Map();
  const focus = process.env.PROFILE_FOCUS && new RegExp(process.env.PROFILE_FOCUS);
  let total = 0;
  for (const profile of profiles) {
    const deltas = profile.timeDeltas;
    const byNode = new Map();
    profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
    for (const node of profile.nodes) {
      const t = (byNode.get(node.id) ?? 0) / 1000;
      const name = node.callFrame.functionName || `(${node.callFrame.url.split("/").pop()}:${node.callFrame.lineNumber})`;
      if (name === "(idle)" || name === "(program)") continue;
      self.set(name, (self.get(name) ?? 0) + t);
      total += t;
    }
    if (process.env.PROFILE_CALLERS) {
      // Self time of the functions PROFILE_CALLERS names, by their callers.
      const callers = new RegExp(process.env.PROFILE_CALLERS);
      const parent = new Map();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
      for (const n of profile.nodes) {
        if (!callers.test(n.callFrame.functionName)) continue;
        const name = `${n.callFrame.functionName} < ${parent.get(n.id)?.callFrame.functionName}`;
        byCaller.set(name, (byCaller.get(name) ?? 0) + (byNode.get(n.id) ?? 0) / 1000);
      }
    }
    if (focus) {
      // Inclusive time, counted once where a function calls itself.
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      const walk = (id, open) => {
        const node = nodes.get(id);
        const name = node.callFrame.functionName;
        const counts = focus.test(name) && !open.has(name);
        const inner = counts ? new Set([...open, name]) : open;
        const t = (byNode.get(id) ?? 0) / 1000 + (node.children ?? []).reduce((sum, c) => sum + walk(c, inner), 0);
        if (counts) byFocus.set(name, (byFocus.get(name) ?? 0) + t);
        return t;
      };
      walk(profile.nodes[0].id, new Set());
    }
  }
  if (byCaller.size) {
    console.log(`  profile: self time of /${process.env.PROFILE_CALLERS}/ by caller:`);
    for (const [name, t] of [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      console.log(`    ${t.toFixed(1).padStart(8)} ms  ${name.slice(0, 200)}`);
    }
  }
  if (focus) {
    console.log(`  profile: inclusive time of /${process.env.PROFILE_FOCUS}/:`);
    for (const [name, t] of [...byFocus].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`    ${t.toFixed(1).padStart(8)} ms  ${name.slice(0, 160)}`);
    }
  }
  console.log(`  profile: ${total.toFixed(0)} ms busy${profiles.length > 1 ? ` in ${profiles.length} profiles` : ""}; most self time:`);
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 40))) {
    console.log(`    ${t.toFixed(1).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${name.slice(0, 140)}`);
  }
}

const server = await startServer();
try {
  await seedProspects(server, N);

  const b = await launch();
  try {
    const cdp = await openProspects(b, server, N, THROTTLE);
    const total = await b.page.getByTestId("prospect-count").textContent();

    // 3. Cold start on /prospects.
    const colds = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      await b.page.reload();
      await b.page.getByTestId("prospect-row").first().waitFor({ timeout: 120_000 });
      colds.push(await b.page.evaluate(() => performance.now()));
    }

    // EXTRA_CSS: a style sheet added for an experiment (e.g. how a CSS change would do).
    if (process.env.EXTRA_CSS) await b.page.addStyleTag({ content: process.env.EXTRA_CSS });

    // 1. Today → Prospects tab, in the running app.
    const opens = [];
    for (let i = 0; i < RUNS; i++) {
      await b.page.getByRole("link", { name: "今日" }).tap();
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

    // 2. Keystrokes (with PROFILE=1, under the CDP sampling profiler: build the PWA with
    // `data-keep-debug` on its rust link for function names).
    const traceEvents = [];
    if (process.env.TRACE) {
      cdp.on("Tracing.dataCollected", (e) => traceEvents.push(...e.value));
      await cdp.send("Tracing.start", {
        transferMode: "ReportEvents",
        traceConfig: { includedCategories: ["devtools.timeline", "v8", "blink", "disabled-by-default-devtools.timeline", "toplevel", "renderer.scheduler"] },
      });
    }
    // PROFILE_CHARS: profile only the keystrokes of these characters, one profile each.
    const charProfiles = [];
    if (process.env.PROFILE_CHARS) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: Number(process.env.PROFILE_US ?? 100) });
      cdp.on("Profiler.consoleProfileFinished", (e) => charProfiles.push(e));
    }
    if (process.env.PROFILE) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: Number(process.env.PROFILE_US ?? 100) });
      await cdp.send("Profiler.start");
    }
    const keys = [];
    if (process.env.VERBOSE) {
      // Long animation frames (over 50 ms): how much of each was script, and how much style,
      // layout and paint.
      await b.page.evaluate(() => {
        window.__loaf = [];
        new PerformanceObserver((list) => {
          for (const f of list.getEntries()) {
            const script = f.scripts.reduce((sum, s) => sum + s.duration, 0);
            window.__loaf.push({
              total: Math.round(f.duration),
              script: Math.round(script),
              styleLayout: Math.round(f.startTime + f.duration - f.styleAndLayoutStart),
              render: Math.round(f.startTime + f.duration - f.renderStart),
            });
          }
        }).observe({ type: "long-animation-frame" });
      });
    }
    if (process.env.DEBUG_ROWS) await b.page.evaluate(() => { window.__debugRows = true; });
    for (let round = 0; round < REPEAT; round++) {
      if (round > 0) {
        // A freshly opened screen, as the rep finds it coming from Today.
        await b.page.locator("nav.tab-bar").getByRole("link", { name: "今日", exact: true }).tap();
        await b.page.locator("main h1").filter({ hasText: "今日" }).waitFor();
        await b.page.locator("nav.tab-bar").getByRole("link", { name: "客户", exact: true }).tap();
        await b.page.getByTestId("prospect-row").first().waitFor();
        await b.page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      }
      for (const query of QUERIES) {
        keys.push(...await b.page.evaluate(async ([query, verbose, profileChars]) => {
          const input = document.querySelector('[data-testid="prospect-search"]');
          const times = [];
          input.focus();
          input.value = "";
          input.dispatchEvent(new InputEvent("input", { bubbles: true }));
          await new Promise((r) => setTimeout(r, 200));
          for (const ch of query) {
            const profiled = profileChars === "*" || profileChars.includes(ch);
            if (profiled) console.profile(ch);
            console.timeStamp(`ks${ch}`);
            const t0 = performance.now();
            input.value += ch;
            input.dispatchEvent(new InputEvent("input", { bubbles: true, data: ch, inputType: "insertText" }));
            if (verbose) {
              // Where the time goes: the input event, the script it queued (yew renders in
              // microtasks), the time until the next frame's animation callbacks (the
              // browser's style and layout of the change run before them, as the trace
              // shows), and the rest of that frame (paint, commit) until the task after it.
              const t1 = performance.now();
              for (let i = 0; i < 5; i++) await new Promise((r) => queueMicrotask(r));
              const t2 = performance.now();
              let t3 = 0;
              await new Promise((r) => requestAnimationFrame(() => { t3 = performance.now(); setTimeout(r, 0); }));
              const t4 = performance.now();
              times.push(t4 - t0);
              (window.__phases ??= []).push([input.value, t1 - t0, t2 - t1, t3 - t2, t4 - t3]);
            } else {
              await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
              times.push(performance.now() - t0);
            }
            console.timeStamp("ke");
            if (window.__debugRows) (window.__rowsSeen ??= []).push(`${ch}|${document.querySelector('[data-testid="prospect-count"]').textContent}|${[...document.querySelectorAll('[data-testid="prospect-row"]')].map((r) => r.querySelector(".company").textContent + "@" + r.style.top).join(",")}`);
            if (profiled) console.profileEnd(ch);
            // A typist's next key comes after the screen has settled.
            await new Promise((r) => setTimeout(r, 120));
          }
          return times;
        }, [query, Boolean(process.env.VERBOSE), process.env.PROFILE_CHARS ?? ""]));
      }
    }
    if (process.env.DEBUG_ROWS) console.log((await b.page.evaluate(() => window.__rowsSeen)).join("\n"));
    if (process.env.TRACE) {
      const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
      await cdp.send("Tracing.end");
      await done;
      printTrace(traceEvents);
      if (process.env.TRACE_KEYS) printKeystrokes(traceEvents, Number(process.env.TRACE_KEYS));
    }
    if (process.env.PROFILE) printProfile((await cdp.send("Profiler.stop")).profile);
    if (process.env.PROFILE_CHARS === "*" || process.env.PROFILE_SUM) {
      console.log(`every keystroke, summed:`);
      printProfile(...charProfiles.map((p) => p.profile));
    } else {
      for (const p of charProfiles) {
        console.log(`keystroke "${p.title}":`);
        printProfile(p.profile);
      }
    }
    const finalCount = await b.page.getByTestId("prospect-count").textContent();
    const rows = await b.page.getByTestId("prospect-row").count();

    console.log(`Prospects screen, ${total} on the phone, CPU throttled ${THROTTLE}×:`);
    console.log(`  open from the Today tab (tap → rows painted), ${RUNS} runs: median ${ms(pct(opens, 0.5))}, p95 ${ms(pct(opens, 0.95))}, max ${ms(Math.max(...opens))}`);
    console.log(`  search keystroke (input → list painted), ${keys.length} keystrokes of ${QUERIES.length} queries × ${REPEAT}: p50 ${ms(pct(keys, 0.5))}, p95 ${ms(pct(keys, 0.95))}, max ${ms(Math.max(...keys))}, mean ${ms(keys.reduce((a, b) => a + b, 0) / keys.length)}`);
    if (process.env.VERBOSE) {
      // Mean phases of each keystroke of the queries, named by what the search box then holds.
      const byKeystroke = new Map();
      for (const [typed, ...phases] of await b.page.evaluate(() => window.__phases)) {
        if (!byKeystroke.has(typed)) byKeystroke.set(typed, []);
        byKeystroke.get(typed).push(phases);
      }
      console.log("  mean per keystroke (ms): event, script (microtasks), until the frame (style, layout), rest of the frame, total");
      for (const [typed, rows] of byKeystroke) {
        const mean = (i) => rows.reduce((a, r) => a + r[i], 0) / rows.length;
        const phases = [0, 1, 2, 3].map(mean);
        console.log(`    "${typed}" ×${rows.length}: ${phases.map((x) => x.toFixed(1)).join("  ")}  ${phases.reduce((a, b) => a + b, 0).toFixed(1)}`);
      }
      console.log(`  long frames: ${JSON.stringify(await b.page.evaluate(() => window.__loaf))}`);
    }
    console.log(`  keystrokes: ${keys.map((k) => k.toFixed(0)).join(" ")}; opens: ${opens.map((k) => k.toFixed(0)).join(" ")}`);
    console.log(`  (last query "${QUERIES.at(-1)}": ${finalCount}, ${rows} rows in the DOM)`);
    console.log(`  cold start on /prospects (navigation → rows painted): median ${ms(pct(colds, 0.5))} (${colds.map((c) => c.toFixed(0)).join(", ")})`);
  } finally {
    await b.close();
  }
} finally {
  await server.stop();
}
