// Time from attaching a 1 MiB log in the ticket wizard to the review step showing its findings,
// in headless Chromium: the file is read, redacted by the engine's worker, listed, and the
// review rendered; then a 10 MiB log, with the longest task the page's own thread ran meanwhile
// (the engine's budget: never more than 50 ms).
// Usage: node tests/e2e/bench/wizard.mjs BASE_URL PASSWORD RUNS   (run by `cargo xtask bench`)
import { chromium } from '@playwright/test';
import { chromiumArgs, executablePath } from '../chromium.mjs';

const [base, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);

// The same kind of lines as the engine's throughput bench: secrets and hard negatives mixed.
const lines = [
  '2026-01-13T10:42:07.123Z INFO  payment created id=paym_KIbh8Sy1gWZCpXmG4rT7uQ2a amount=15000 currency=XOF',
  'Authorization: Bearer sprod_4bV9kQz2mXw7LpR8tN3yHc6d',
  '{"card":{"number":"4242424242424242","cvc":"314"},"password":"hunter2","request_id":"c39df0fb-a684-447c-9fbc-3f24c288f608"}',
  'DEBUG webhook delivered task_id=task_20260113_000481 status=200 duration_ms=84',
  'Bonjour, ticket EFB-SUPPORT-20260113-001, carte 424242******4242, IBAN CI93 CI00 8010 1234 5678 9012 3456.',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 deployed to /srv/guichet/releases/2026-01-13',
];
let log = '';
for (let i = 0; log.length < 1024 * 1024; i++) log += lines[(i * 7) % lines.length] + '\n';

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const context = await browser.newContext({ baseURL: base });
const page = await context.newPage();
await page.goto('/login');
await page.getByLabel(/^e-?mail/i).fill('support@abidjan-shop.demo');
await page.getByLabel(/^password/i).fill(password);
await page.getByRole('button', { name: /^sign in$/i }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/login'));

/** Files `content` as big.log in a new ticket and waits for the review to show its findings; the
 * time from the pick, and the page's long tasks (over 50 ms) meanwhile. */
async function attach(i, content) {
  await page.goto('/tickets/new');
  // The drafts of the runs before are offered; the first run has none and starts at once.
  const start = page.getByRole('button', { name: /^start a new ticket$/i });
  await start.or(page.getByRole('radio').first()).first().waitFor();
  if (await start.isVisible()) await start.click();
  await page.getByRole('radio', { name: /^feature request/i }).check();
  await page.getByRole('button', { name: /^next$/i }).click();
  await page.getByLabel(/^subject$/i).fill(`Bench ${i}`);
  await page.getByLabel(/^description$/i).fill('Measuring.');
  await page.getByRole('button', { name: /^next$/i }).click();
  // The step changes once the engine has answered for the details.
  await page.locator('#gu-evidence-files').waitFor();
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      // Only the app's own tasks: Playwright hands the file to the page in a task of its own
      // (decoding the whole buffer), before the input's change event.
      for (const e of list.getEntries()) if (window.__t0 !== undefined && e.startTime >= window.__t0) window.__long.push(e.duration);
    }).observe({ type: 'longtask' });
    document.querySelector('#gu-evidence-files').addEventListener('change', () => {
      window.__t0 = performance.now();
    }, { capture: true, once: true });
  });
  await page.getByLabel(/^log and dump files$/i).setInputFiles({
    name: 'big.log', mimeType: 'text/plain', buffer: Buffer.from(content),
  });
  await page.getByText(/big\.log/).first().waitFor();
  await page.getByRole('button', { name: /^next$/i }).click();
  await page.locator('summary', { hasText: /big\.log — [1-9][0-9,]* secret/ }).waitFor({ timeout: 120_000 });
  return page.evaluate(() => ({ ms: performance.now() - window.__t0, long: window.__long }));
}

const times = [];
for (let i = 0; i < runs; i++) times.push((await attach(i, log)).ms);
// Just under the 10 MiB a text attachment may weigh.
const big = await attach(runs, log.repeat(10).slice(0, 10 * 1024 * 1024 - 4096));
await browser.close();
times.sort((a, b) => a - b);
console.log(`- median: ${times[Math.floor(times.length / 2)].toFixed(0)} ms`);
console.log(`- runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms (1 MiB log, ${lines.length} kinds of line)`);
const longest = Math.max(0, ...big.long);
console.log(`- 10 MiB log: review after ${(big.ms / 1000).toFixed(1)} s; the page's longest task meanwhile ${longest.toFixed(0)} ms (${big.long.length} over 50 ms)`);
