//! Native throughput on deterministic mixed logs of 1, 4 and 16 MiB:
//! `cargo run --release -p guichet-redact --example throughput`.

use std::time::Instant;

use guichet_redact::{redact, Policy, Stream};

#[path = "common/mixed_log.rs"]
mod mixed_log;

fn main() {
    let policy = Policy::default();
    for mib in [1usize, 4, 16] {
        let log = mixed_log::mixed_log(mib << 20);
        let _warm = redact(&log, &policy);
        let mut findings = 0;
        let mut times: Vec<f64> = (0..5)
            .map(|_| {
                let start = Instant::now();
                findings = redact(&log, &policy).findings.len();
                start.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let secs = times[times.len() / 2];
        let mb = log.len() as f64 / 1e6;
        println!(
            "{mib:>2} MiB: {:>7.1} MB/s ({findings} findings, median of 5: {:.1} ms)",
            mb / secs,
            secs * 1e3
        );
    }
    let text = mixed_log::mixed_log(10 << 20);
    let mut stream = Stream::new(policy);
    let (mut longest, mut at) = (0f64, 0);
    let all = Instant::now();
    while at < text.len() {
        let end = mixed_log::piece_end(&text, at, 256 << 10);
        let start = Instant::now();
        let _ = stream.push(&text[at..end]);
        longest = longest.max(start.elapsed().as_secs_f64());
        at = end;
    }
    let _ = stream.finish();
    println!(
        "10 MiB in 256 KiB pieces: longest piece {:.1} ms, {:.0} ms in all",
        longest * 1e3,
        all.elapsed().as_secs_f64() * 1e3
    );
}
