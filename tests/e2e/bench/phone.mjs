// What the benchmarks of the Prospects screen share: a rep's prospects seeded on the server,
// and the screen opened on a phone that holds them all, its CPU slowed down.
import { api, signIn } from "../lib/harness.mjs";

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

/** Seeds `n` prospects for rep1 through the API, as another device would have. */
export async function seedProspects(server, n) {
  const rep = await api(server.url, "rep1");
  const clientId = crypto.randomUUID();
  for (let first = 0; first < n; first += 500) {
    const mutations = [];
    for (let i = first; i < Math.min(n, first + 500); i++) {
      mutations.push({ id: crypto.randomUUID(), name: "prospect.put", args: prospect(i), at: new Date().toISOString() });
    }
    const r = await rep.post("/api/v1/sync/push", { client_id: clientId, mutations });
    if (!r.ok) throw new Error(`seed push failed: ${r.status}`);
  }
}

/** Signs rep1 in on `b` (from `launch`), opens the Prospects screen, waits until the phone
 *  holds `n` prospects, then slows the CPU `throttle` times. Returns the CDP session. */
export async function openProspects(b, server, n, throttle) {
  await signIn(b.page, server.url);
  // Wait for the first sync to bring every prospect onto the phone.
  await b.page.goto(`${server.url}/prospects`);
  await b.page.waitForFunction((n) => {
    const text = document.querySelector('[data-testid="prospect-count"]')?.textContent ?? "";
    return Number(text.replace(/\D/g, "")) >= n;
  }, n, { timeout: 600_000 });
  const cdp = await b.context.newCDPSession(b.page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  // A phone has no mouse pointer: take away the one that signing in left over the page
  // (Chromium hit-tests under it after every layout, which no phone does). Taps from here.
  await cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: -100, y: -100 });
  return cdp;
}
