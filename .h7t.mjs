import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage();
await page.addInitScript(() => {
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (m, ...rest) { console.log('page->worker', m?.type, m?.id); return post.call(this, m, ...rest); };
  const desc = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', { set(fn) { desc.set.call(this, fn && ((e) => { console.log('worker->page', e.data?.type, e.data?.id ?? e.data?.runId, e.data?.type === 'compiled' ? JSON.stringify(e.data.diagnostics).slice(0, 300) : ''); return fn(e); })); }, get() { return desc.get.call(this); } });
});
page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror', String(e)));
await page.goto('http://127.0.0.1:4177/embed.html?example=hello&view=split');
await page.locator('[data-node="d"]').waitFor();
await page.getByRole('button', { name: 'Run' }).click();
await page.waitForTimeout(15000);
console.log(await page.locator('.embed').innerText());
console.log(await page.locator('[data-node="d"]').getAttribute('data-state'));
await browser.close();
