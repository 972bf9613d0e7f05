// Time from navigation start to the log-in form being interactive, in headless Chromium.
// Usage: node tests/e2e/bench/load.mjs BASE_URL RUNS   (run by `cargo xtask bench`)
import { chromium } from '@playwright/test';
import { chromiumArgs, executablePath } from '../chromium.mjs';

const [base, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const times = [];
for (let i = 0; i < runs; i++) {
  // A new context each run: no cache, no storage, like a first visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  // The form is interactive once the app has rendered its password field: the wasm module is
  // instantiated and its handlers are attached in the same task.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('input[type=password]')) {
        window.__guichetReady = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${base}/login`);
  await page.waitForFunction(() => window.__guichetReady !== undefined, null, { timeout: 30_000 });
  times.push(await page.evaluate(() => window.__guichetReady));
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
const median = runs % 2 ? times[(runs - 1) / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
console.log(`- median: ${median.toFixed(0)} ms`);
console.log(`- min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms, runs: ${times.map((t) => t.toFixed(0)).join(', ')}`);
