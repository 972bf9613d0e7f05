//! Native throughput on deterministic mixed logs of 1, 4 and 16 MiB:
//! `cargo run --release -p guichet-redact --example throughput`.

use std::time::Instant;

use guichet_redact::{redact, Policy};

#[path = "common/mixed_log.rs"]
mod mixed_log;

fn main() {
    let policy = Policy::default();
    for mib in [1usize, 4, 16] {
        let log = mixed_log::mixed_log(mib << 20);
        let _warm = redact(&log, &policy);
        let runs = 3;
        let start = Instant::now();
        let mut findings = 0;
        for _ in 0..runs {
            findings = redact(&log, &policy).findings.len();
        }
        let secs = start.elapsed().as_secs_f64() / f64::from(runs);
        let mb = log.len() as f64 / 1e6;
        println!(
            "{mib:>2} MiB: {:>7.1} MB/s ({findings} findings, {:.1} ms)",
            mb / secs,
            secs * 1e3
        );
    }
}
