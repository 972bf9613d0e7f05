//! Throughput of the engine compiled to WebAssembly, in the browser, warm: built and run by
//! `cargo xtask bench`, which loads it in headless Chromium and reads the console.
//! Built with `--cfg guichet_bench_baseline` it skips the engine, so that the difference in
//! size between the two builds is what the engine adds to a wasm bundle.

#[path = "common/mixed_log.rs"]
mod mixed_log;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn log(s: &str);
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

#[cfg(not(guichet_bench_baseline))]
fn work(text: &str) -> usize {
    guichet_redact::redact(text, &guichet_redact::Policy::default())
        .findings
        .len()
}

#[cfg(guichet_bench_baseline)]
fn work(text: &str) -> usize {
    text.lines().count()
}

/// The longest a page is blocked when a 10 MiB attachment is redacted with
/// `Stream`, in pieces of 256 KiB with a yield between them.
#[cfg(not(guichet_bench_baseline))]
fn streamed() {
    let text = mixed_log::mixed_log(10 << 20);
    let mut stream = guichet_redact::Stream::new(guichet_redact::Policy::default());
    let (mut longest, mut total, mut findings) = (0f64, 0f64, 0);
    let mut at = 0;
    while at < text.len() {
        let end = mixed_log::piece_end(&text, at, 256 << 10);
        let start = now();
        findings += stream.push(&text[at..end]).findings.len();
        let ms = now() - start;
        longest = longest.max(ms);
        total += ms;
        at = end;
    }
    let start = now();
    findings += stream.finish().findings.len();
    longest = longest.max(now() - start);
    log(&format!(
        "- wasm 10 MiB in 256 KiB pieces: longest piece {longest:.1} ms, {total:.0} ms in all ({findings} findings)"
    ));
}

fn main() {
    // The browser compiles wasm with a quick baseline compiler first and
    // optimises hot functions in the background: warm for a second, so the
    // figures are of optimised code at every size.
    let warm = mixed_log::mixed_log(1 << 20);
    let start = now();
    for _ in 0..200 {
        let _warm = work(&warm);
        if now() - start > 1000.0 {
            break;
        }
    }
    for mib in [1usize, 4, 16] {
        let log_text = mixed_log::mixed_log(mib << 20);
        let mut findings = 0;
        let mut times: Vec<f64> = (0..5)
            .map(|_| {
                let start = now();
                findings = work(&log_text);
                now() - start
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let ms = times[times.len() / 2];
        let mb = log_text.len() as f64 / 1e6;
        log(&format!(
            "- wasm {mib:>2} MiB: {:.1} MB/s ({findings} findings, median of 5: {ms:.1} ms)",
            mb / (ms / 1e3)
        ));
    }
    #[cfg(not(guichet_bench_baseline))]
    streamed();
    log("done");
}
