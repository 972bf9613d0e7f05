// The purchases list under 100,000 purchases: p50 and p99 of `GET /purchases` (a page of 100,
// with the count of matches), for the first page, a page deep in the list reached by cursor,
// and filters a finance team combines, each asked ROUNDS times one after the other.
// Usage: node tests/e2e/bench/purchases.mjs BASE_URL PASSWORD ROUNDS   (run by `cargo xtask bench`)
const [base, password, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 200);

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'finance@abidjan-shop.demo', password }),
});
if (!login.ok) throw new Error(`log-in: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie').split(';')[0];

async function get(query) {
  const started = performance.now();
  const r = await fetch(`${base}/api/v1/purchases?${query}`, { headers: { cookie } });
  const body = await r.json();
  if (!r.ok) throw new Error(`${query}: ${r.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

// A cursor 50 pages deep, and a reference and an amount to search for.
let cursor = null;
let sample = null;
for (let page = 0; page < 50; page++) {
  const { body } = await get(`limit=100${cursor ? `&cursor=${cursor}` : ''}`);
  cursor = body.next_cursor;
  sample = body.items[17];
}
const today = new Date();
const ago = (days) => new Date(today - days * 86400000).toISOString().slice(0, 10);
const cases = [
  ['no filter, first page', ''],
  ['no filter, 51st page (cursor)', `cursor=${cursor}`],
  ['status completed, sorted by amount', 'status=completed&sort=amount_desc'],
  ['last 30 days, card, 10,000 to 100,000', `from=${ago(30)}&until=${ago(0)}&method=card&min_amount_minor=10000&max_amount_minor=100000`],
  ['search by reference', `q=${sample.reference}`],
  ['search by amount', `q=${sample.amount.amount_minor}`],
  ['search by customer', `q=${encodeURIComponent(sample.customer.split(' ')[0])}`],
];

const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
for (const [name, query] of cases) {
  const times = [];
  let total = 0;
  for (let i = 0; i < rounds; i++) {
    const { ms, body } = await get(`limit=100&${query}`);
    times.push(ms);
    total = body.total;
  }
  times.sort((a, b) => a - b);
  console.log(`- ${name}: p50 ${at(times, 0.5).toFixed(1)} ms, p99 ${at(times, 0.99).toFixed(1)} ms (${total} matches)`);
}
