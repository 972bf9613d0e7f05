// Lighthouse (npm's `lighthouse` with Debian's Chromium) on the log-in page, the users page and
// the ticket wizard: the mobile preset (score, LCP, TBT, CLS) and the desktop preset (CLS), the
// median of RUNS runs each. Signed-in pages are loaded with the session cookie of a log-in made
// through the API. Usage: node tests/e2e/bench/lighthouse.mjs BASE_URL PASSWORD RUNS
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumArgs, executablePath } from '../chromium.mjs';

const [base, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);

async function sessionCookie(email) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`log-in as ${email}: ${r.status}`);
  return r.headers.get('set-cookie').split(';')[0];
}

const pages = [
  { name: 'log-in', path: '/login', who: null },
  { name: 'users', path: '/users', who: 'admin@abidjan-shop.demo' },
  { name: 'wizard', path: '/tickets/new', who: 'support@abidjan-shop.demo' },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const chrome = await chromeLauncher.launch({
  chromePath: executablePath,
  chromeFlags: chromiumArgs,
});
try {
  console.log('| page | mobile score | LCP | TBT | CLS mobile | CLS desktop |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const page of pages) {
    const figures = { score: [], lcp: [], tbt: [], cls: [], clsDesktop: [] };
    for (let i = 0; i < runs; i++) {
      // A fresh session each run, so that no run finds another's state.
      const extraHeaders = page.who ? { Cookie: await sessionCookie(page.who) } : undefined;
      const flags = { port: chrome.port, output: 'json', logLevel: 'error', extraHeaders };
      const mobile = (await lighthouse(`${base}${page.path}`, flags)).lhr;
      const desktop = (await lighthouse(`${base}${page.path}`, flags, desktopConfig)).lhr;
      figures.score.push(mobile.categories.performance.score * 100);
      figures.lcp.push(mobile.audits['largest-contentful-paint'].numericValue);
      figures.tbt.push(mobile.audits['total-blocking-time'].numericValue);
      figures.cls.push(mobile.audits['cumulative-layout-shift'].numericValue);
      figures.clsDesktop.push(desktop.audits['cumulative-layout-shift'].numericValue);
    }
    console.log(
      `| ${page.name} (${page.path}) | ${median(figures.score).toFixed(0)} | ` +
        `${(median(figures.lcp) / 1000).toFixed(2)} s | ${median(figures.tbt).toFixed(0)} ms | ` +
        `${median(figures.cls).toFixed(3)} | ${median(figures.clsDesktop).toFixed(3)} |`,
    );
  }
} finally {
  await chrome.kill();
}
