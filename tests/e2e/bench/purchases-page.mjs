// The purchases page in headless Chromium over 100,000 purchases: the time from navigation to
// the first rows drawn (in-page clock, median of RUNS), and what scrolling through 10,000 rows
// leaves in the page (elements; rows drawn).
// Usage: node tests/e2e/bench/purchases-page.mjs BASE_URL PASSWORD RUNS   (run by `cargo xtask bench`)
import { chromium } from '@playwright/test';
import { chromiumArgs, executablePath } from '../chromium.mjs';

const [base, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 900 } });
// The first row drawn, by the page's own clock (milliseconds since navigation started).
await context.addInitScript(() => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('table tbody tr a')) {
      window.__firstRows = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
});
const page = await context.newPage();
await page.goto('/login');
await page.getByLabel(/^e-?mail/i).fill('finance@abidjan-shop.demo');
await page.getByLabel(/^password/i).fill(password);
await page.getByRole('button', { name: /^sign in$/i }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));

const times = [];
for (let i = 0; i < runs; i++) {
  await page.goto('/purchases');
  await page.waitForFunction(() => window.__firstRows !== undefined);
  times.push(await page.evaluate(() => window.__firstRows));
}
times.sort((a, b) => a - b);
console.log(`- first rows drawn: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms from navigation (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}; ${runs} runs)`);

// Scroll until 10,000 rows were read (pages of 100), as a person would, with the wheel.
let pages = 1;
page.on('response', (r) => {
  if (r.url().includes('/api/v1/purchases?') && r.url().includes('cursor=')) pages++;
});
const started = Date.now();
await page.getByRole('table').getByRole('link').first().hover();
while (pages < 100) {
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(20);
  if (Date.now() - started > 300_000) throw new Error(`only ${pages} pages read in 5 minutes`);
}
await page.waitForTimeout(500);
const { elements, rows } = await page.evaluate(() => ({
  elements: document.getElementsByTagName('*').length,
  rows: document.querySelectorAll('table tbody tr:not([aria-hidden])').length,
}));
console.log(`- after scrolling through ${pages * 100} rows (${((Date.now() - started) / 1000).toFixed(1)} s): ${elements} elements in the page, ${rows} rows drawn`);
await browser.close();
