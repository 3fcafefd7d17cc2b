import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage'] });
const page = await browser.newPage();
page.on('console', m => console.log('console:', m.type(), m.text()));
const t0 = Date.now();
await page.goto('http://127.0.0.1:4175/worker-test.html');
const r = await page.evaluate(() => Promise.race([window.workerTest.host.ready.then(() => 'ready ' + performance.now()), new Promise(r => setTimeout(() => r('timeout'), 8000))]));
console.log(r, Date.now() - t0);
for (let i = 0; i < 3; i++) {
const c = await page.evaluate(() => new Promise(res => { const h = window.workerTest.host; const t = performance.now(); const off = h.subscribe(e => { if (e.type === 'compiled') { off(); res([performance.now() - t, e]); } }); h.compile([{ name: 'a.ts', code: 'export function a(x: number): number { return x + 1; }' }], {}); }));
console.log(JSON.stringify(c).slice(0, 300));
}
console.log(await page.evaluate(() => JSON.stringify(window.workerTest.events.map(e => e.type))));
await browser.close();
