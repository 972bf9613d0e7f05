// Filing under load: CLIENTS merchants' clients file tickets at once for SECONDS, each filing
// sent twice with the same Idempotency-Key (a retry), and report throughput and latency.
// Usage: node tests/e2e/bench/filing.mjs BASE_URL PASSWORD CLIENTS SECONDS   (run by `cargo xtask bench`)
const [base, password, clientsArg, secondsArg] = process.argv.slice(2);
const clients = Number(clientsArg ?? 20);
const seconds = Number(secondsArg ?? 15);

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'support@abidjan-shop.demo', password }),
});
if (!login.ok) throw new Error(`log-in: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie').split(';')[0];
const { csrf_token: csrf } = await login.json();

const latencies = [];
const statuses = {};
const numbers = new Set();
let filed = 0;
let duplicates = 0;
const end = Date.now() + seconds * 1000;

async function file(key, subject) {
  const started = performance.now();
  const r = await fetch(`${base}/api/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, 'idempotency-key': key },
    body: JSON.stringify({
      category: 'api_question',
      urgency: 'normal',
      fields: { subject, description: 'Which endpoint gives the status of a payout?' },
    }),
  });
  latencies.push(performance.now() - started);
  statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return r.status === 201 ? (await r.json()).ticket.number : (await r.text(), null);
}

async function client(n) {
  for (let i = 0; Date.now() < end; i++) {
    const key = `bench-${n}-${i}-${Math.random()}`;
    const [first, retry] = await Promise.all([file(key, `Load ${n}.${i}`), file(key, `Load ${n}.${i}`)]);
    const number = first ?? retry;
    if (number) {
      if (numbers.has(number)) duplicates++;
      numbers.add(number);
      filed++;
      if (first && retry && first !== retry) duplicates++;
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const errors = Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0);
console.log(`- ${filed} tickets filed in ${elapsed.toFixed(1)} s by ${clients} clients (each also retried at once): ${(filed / elapsed).toFixed(1)} tickets/s, ${(latencies.length / elapsed).toFixed(1)} requests/s`);
console.log(`- latency p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`);
console.log(`- answers: ${Object.entries(statuses).map(([s, c]) => `${s} × ${c}`).join(', ')}; 5xx: ${errors}; a ticket filed twice or a number given twice: ${duplicates}`);
if (errors || duplicates) process.exit(1);
