//! The deterministic mixed log both throughput examples (native and wasm) measure.

/// Lines typical of ticket material, secrets and hard negatives mixed.
const LINES: &[&str] = &[
    "2026-01-13T10:42:07.123Z INFO  payment created id=paym_KIbh8Sy1gWZCpXmG4rT7uQ2a amount=15000 currency=XOF",
    "POST /v1/checkout HTTP/1.1",
    "Authorization: Bearer sprod_4bV9kQz2mXw7LpR8tN3yHc6d",
    "Cookie: session=8f2a9c1e77b04d3aa1f0; lang=fr",
    "{\"card\":{\"number\":\"4242424242424242\",\"exp_month\":12,\"cvc\":\"314\"},\"password\":\"hunter2\",\"request_id\":\"c39df0fb-a684-447c-9fbc-3f24c288f608\"}",
    "curl -u admin:S3cr3t! https://api.example.com/v1/payments -d 'amount=1000&client_secret=Zq81mXk2LpW9vNc4'",
    "DEBUG webhook delivered task_id=task_20260113_000481 status=200 duration_ms=84",
    "Bonjour, le client n'arrive pas a payer, ticket EFB-SUPPORT-20260113-001, carte 424242******4242.",
    "Le client dit que son code PIN est 4821, numero +225 07 07 12 34 56, IBAN CI93 CI00 8010 1234 5678 9012 3456.",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 deployed to /srv/guichet/releases/2026-01-13",
    "token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk4",
    "    at com.example.PaymentService.capture(PaymentService.java:214) elapsed=0.042s",
];

pub fn mixed_log(size: usize) -> String {
    let mut s = String::with_capacity(size + 256);
    // A fixed linear congruential sequence: the same log on every run.
    let mut x: u32 = 0x2545_f491;
    while s.len() < size {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        s.push_str(LINES[(x >> 16) as usize % LINES.len()]);
        s.push('\n');
    }
    s
}

/// End of the piece of about `size` bytes starting at `at`, on a char boundary.
#[allow(dead_code)] // Each example uses a part of this module.
pub fn piece_end(text: &str, at: usize, size: usize) -> usize {
    let mut end = (at + size).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}
