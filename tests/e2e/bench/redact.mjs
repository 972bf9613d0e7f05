// Runs the redaction engine's wasm throughput example in headless Chromium, in the page and then
// in a module Web Worker (where the app runs it), and prints what each logs, labelled. Usage: node tests/e2e/bench/redact.mjs DIR, where DIR holds wasm-bindgen's `--target web`
// output for the example (run by `cargo xtask bench`).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, executablePath } from '../chromium.mjs';

const dir = process.argv[2];
const origin = 'http://bench.invalid';
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const start = 'import init from "./wasm_throughput.js"; init();';
const pages = {
  'page.html': `<!doctype html><script type="module">${start}</script>`,
  'worker.html': '<!doctype html><script>new Worker("./worker.js", { type: "module" });</script>',
  'worker.js': start,
};
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
for (const [where, entry] of [['in the page', 'page.html'], ['in a Web Worker', 'worker.html']]) {
  const page = await browser.newPage();
  // Files are served from memory by Playwright: nothing listens, nothing leaves the machine.
  await page.route(`${origin}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    const body = pages[name] ?? await readFile(join(dir, name));
    await route.fulfill({ body, contentType: types[name.slice(name.lastIndexOf('.'))] });
  });
  const done = new Promise((resolve) => {
    page.on('console', (msg) => {
      if (msg.text() === 'done') resolve();
      else console.log(msg.text().replace(/^- /, `- ${where}: `));
    });
  });
  await page.goto(`${origin}/${entry}`);
  await done;
  await page.close();
}
await browser.close();
