// The reconciliation report streamed whole: every transaction of the demo's 120 days for one
// merchant, read as it arrives (bytes and rows counted, nothing kept), timed from the request
// to the last byte. First it waits until the server has caught up the settlements (their
// count unchanged for 3 s), so that nothing else runs meanwhile.
// Usage: node tests/e2e/bench/report.mjs BASE_URL PASSWORD [--wait-only]   (run by `cargo xtask bench`)
const [base, password, flag] = process.argv.slice(2);

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'finance@abidjan-shop.demo', password }),
});
if (!login.ok) throw new Error(`log-in: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie').split(';')[0];

async function settlementCount() {
  let count = 0;
  let cursor = null;
  do {
    const r = await fetch(`${base}/api/v1/settlements${cursor ? `?cursor=${cursor}` : ''}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`settlements: ${r.status} ${await r.text()}`);
    const page = await r.json();
    count += page.items.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

let last = -1;
for (;;) {
  const count = await settlementCount();
  if (count === last) break;
  last = count;
  await new Promise((done) => setTimeout(done, 3000));
}
console.log(`settlements caught up: ${last}`);
if (flag === '--wait-only') process.exit(0);

const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const until = day(Date.now());
const from = day(Date.now() - 130 * 86400000);
const started = performance.now();
const r = await fetch(`${base}/api/v1/reports/transactions?from=${from}&until=${until}`, { headers: { cookie } });
if (!r.ok) throw new Error(`report: ${r.status} ${await r.text()}`);
let bytes = 0;
let lines = 0;
for await (const chunk of r.body) {
  bytes += chunk.length;
  for (const b of chunk) if (b === 10) lines += 1;
}
const seconds = (performance.now() - started) / 1000;
const rows = lines - 1; // the header
const fmt = (n) => n.toLocaleString('en');
console.log(`- ${fmt(rows)} rows (${(bytes / 1048576).toFixed(1)} MiB) from ${from} to ${until} in ${seconds.toFixed(1)} s: ${fmt(Math.round(rows / seconds))} rows/s`);
