import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage'] });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:4175/worker-test.html?timeout=2000');
await page.evaluate(() => window.workerTest.host.ready);
const loop = `export function start(x: number): number { return x; }\nexport function spin(start: number): number {\n  while (true) {}\n  return start;\n}\n`;
const out = await page.evaluate(async (loop) => {
  const h = window.workerTest.host;
  const t0 = performance.now();
  const log = [];
  h.subscribe(e => log.push([Math.round(performance.now() - t0), e.type, e.id ?? e.runId, e.stale, e.reason, e.message, e.graph === null ? 'nullgraph' : '']));
  h.compile([{ name: 'loop.ts', code: loop }], {});
  await new Promise(r => setTimeout(r, 1500));
  h.compile([{ name: 'loop.ts', code: loop + '\nwhile (true) {}\n' }], {});
  await new Promise(r => setTimeout(r, 6000));
  return log;
}, loop);
for (const l of out) console.log(JSON.stringify(l));
await browser.close();
