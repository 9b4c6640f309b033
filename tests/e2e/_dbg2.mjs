import { launch, startServer, signIn } from "./lib/harness.mjs";
const server = await startServer();
for (let i = 0; i < 2; i++) {
const b = await launch();
const t0 = Date.now();
await signIn(b.page, server.url);
const t1 = Date.now();
const ctl = await b.page.evaluate(() => !!navigator.serviceWorker.controller);
await b.page.evaluate(async () => { await navigator.serviceWorker.ready; if (!navigator.serviceWorker.controller) await new Promise(r => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true })); });
const t2 = Date.now();
console.log(`signed in after ${t1 - t0} ms, controlled then: ${ctl}, controlled after ${t2 - t0} ms`);
await b.close();
}
await server.stop();
