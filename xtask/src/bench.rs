//! `cargo xtask bench`: the figures budgets are checked against, measured and written to
//! `bench/report.md` in the target directory. Nothing here is a pass/fail test; it reports.

use std::io::Write;
use std::path::Path;

use crate::cmd::{root, target_dir, Cmd, Result};
use crate::postgres::Postgres;
use crate::proxy::Proxy;
use crate::server::{Options, Server, FEW_PURCHASES, TEST_PASSWORD};
use crate::{budget, compress, dist, setup};

const LOAD_RUNS: &str = "10";
/// Clients filing at once, and for how long, in the filing bench.
const FILING_CLIENTS: &str = "20";
const FILING_SECONDS: &str = "20";

/// Filing under load (`tests/e2e/bench/filing.mjs`): one process on SQLite, then two on
/// PostgreSQL behind the e2e layer's balancer.
/// Demo data with few purchases, for the benches that do not look at them.
const FEW: Options<'static> = Options {
    demo_purchases: Some(FEW_PURCHASES),
    database: None,
    operator: None,
};

/// The purchases list's latency under the demo's 100,000 purchases per merchant.
fn purchases(report: &mut String, server_bin: &Path) -> Result<()> {
    let options = Options {
        demo_purchases: Some(100_000),
        ..Options::default()
    };
    let server = Server::start(server_bin, "bench-purchases", options)?;
    let (ok, out) = Cmd::new("node")
        .arg("tests/e2e/bench/purchases.mjs")
        .args([&server.url, TEST_PASSWORD, "200"])
        .run_tee()?;
    if !ok {
        return Err("the purchases bench failed".into());
    }
    let (ok, page) = Cmd::new("node")
        .arg("tests/e2e/bench/purchases-page.mjs")
        .args([&server.url, TEST_PASSWORD, "10"])
        .run_tee()?;
    if !ok {
        return Err("the purchases page bench failed".into());
    }
    let lines = |out: &str| {
        out.lines()
            .filter(|l| l.starts_with("- "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    report.push_str(&format!(
        "\n## The purchases list\n\n`GET /purchases` (a page of 100 and the count of matches) \
         over 100,000 purchases, 200 times each, one after the other; the debug build of the \
         server on SQLite, loopback (budget: p99 <= 50 ms).\n\n{}\n\nThe page in headless \
         Chromium, 1,366 px wide (budgets: first rows <= 300 ms, <= 1,500 elements after \
         10,000 rows):\n\n{}\n",
        lines(&out),
        lines(&page)
    ));
    Ok(())
}

/// Purchases per merchant in the report bench: over the demo's 120 days, 96 % of them completed,
/// with the refunds and the settlements' own lines, a little over a million rows for one
/// merchant.
const REPORT_PURCHASES: usize = 1_060_000;

/// The reconciliation report of a million rows streamed whole: its rate, and the server's peak
/// memory. The database is seeded once (minutes) and kept in `bench-report-db/`; the report is
/// read from a server started afresh on it, so that its peak memory is the report's, not the
/// seeding's.
fn transactions_report(report: &mut String, server_bin: &Path) -> Result<()> {
    let dir = target_dir()?.join("bench-report-db");
    let url = format!("sqlite://{}", dir.join("guichet.db").display());
    let seeded = dir.join(format!("seeded-{REPORT_PURCHASES}"));
    let options = Options {
        demo_purchases: None,
        database: Some(&url),
        operator: None,
    };
    let wait = |server: &Server| -> Result<()> {
        let (ok, _) = Cmd::new("node")
            .arg("tests/e2e/bench/report.mjs")
            .args([&server.url, TEST_PASSWORD, "--wait-only"])
            .run_tee()?;
        ok.then_some(())
            .ok_or_else(|| "the settlements did not catch up".into())
    };
    if !seeded.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let seeding = Options {
            demo_purchases: Some(REPORT_PURCHASES),
            ..options
        };
        let server = Server::start(server_bin, "bench-report-seed", seeding)?;
        wait(&server)?;
        server.terminate();
        std::fs::write(&seeded, "").map_err(|e| e.to_string())?;
    }
    let server = Server::start(server_bin, "bench-report", options)?;
    wait(&server)?;
    let before = server.memory_kib("VmRSS")?;
    let (ok, out) = Cmd::new("node")
        .arg("tests/e2e/bench/report.mjs")
        .args([&server.url, TEST_PASSWORD])
        .run_tee()?;
    if !ok {
        return Err("the report bench failed".into());
    }
    let peak = server.memory_kib("VmHWM")?;
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("- ")).collect();
    report.push_str(&format!(
        "\n## The transactions report\n\n`GET /reports/transactions` for one merchant's 130 \
         days ({REPORT_PURCHASES} demo purchases), streamed and read as it arrives; the debug \
         build of the server on SQLite, loopback:\n\n{}\n- server memory: {:.1} MiB resident \
         before, {:.1} MiB at its peak (the whole process, since it started)\n",
        lines.join("\n"),
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
    ));
    Ok(())
}

/// Settling one business day of 10,000 purchases (an ignored API test that prints its time).
fn settlement(report: &mut String) -> Result<()> {
    let (ok, out) = Cmd::new("cargo")
        .args(["test", "-p", "guichet-server", "--test", "api"])
        .args(["bench_settling", "--", "--ignored", "--nocapture"])
        .run_tee()?;
    if !ok {
        return Err("the settlement bench failed".into());
    }
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("- ")).collect();
    report.push_str(&format!(
        "\n## The daily settlement\n\nOne business day's settlement (its sums, the purchases \
         and refunds marked, the reserve, the ledger's movement) in one transaction; the debug \
         build on SQLite:\n\n{}\n",
        lines.join("\n")
    ));
    Ok(())
}

fn filing(report: &mut String, server_bin: &Path) -> Result<()> {
    let few = FEW;
    let run = |url: &str| -> Result<String> {
        let (ok, out) = Cmd::new("node")
            .arg("tests/e2e/bench/filing.mjs")
            .args([url, TEST_PASSWORD, FILING_CLIENTS, FILING_SECONDS])
            .run_tee()?;
        if !ok {
            return Err("the filing bench failed".into());
        }
        Ok(out
            .lines()
            .filter(|l| l.starts_with("- "))
            .collect::<Vec<_>>()
            .join("\n"))
    };
    let sqlite = {
        let server = Server::start(server_bin, "bench-filing", few)?;
        run(&server.url)?
    };
    let postgres = {
        let pg = Postgres::start()?;
        let database = pg.create_database("guichet_bench")?;
        let options = Options {
            database: Some(&database),
            ..few
        };
        let first = Server::start(server_bin, "bench-filing-1", options)?;
        let second = Server::start(server_bin, "bench-filing-2", options)?;
        let balancer = Proxy::start(&[&first.url, &second.url])?;
        let out = run(&balancer.url)?;
        drop((balancer, first, second, pg));
        out
    };
    report.push_str(&format!(
        "\n## Filing under load\n\n{FILING_CLIENTS} clients file tickets for {FILING_SECONDS} s, each \
         filing sent twice at once with one Idempotency-Key (a retry); the debug build of the \
         server, loopback.\n\nOne process on SQLite:\n\n{sqlite}\n\nTwo processes on one \
         PostgreSQL, behind a balancer that alternates:\n\n{postgres}\n"
    ));
    Ok(())
}

/// Each entry's first load, and the redaction worker's.
fn first_loads(report: &mut String) -> Result<()> {
    report.push_str(
        "## First load per entry (dist/, release)\n\nEverything a page fetches until it is interactive \
         (the page, its script, wasm, stylesheet and icon; the redaction worker comes on first use):\n\n\
         | entry | fetched | requests | raw | gzip -9 | brotli 11 | budget | largest |\n|---|---|---:|---:|---:|---:|---|---|\n",
    );
    for budget::Budget {
        page, when, budget, ..
    } in budget::BUDGETS
    {
        let files = budget::first_load(&root().join("dist"), page)?;
        let sum = |f: fn(&budget::Fetched) -> usize| files.iter().map(f).sum::<usize>();
        let largest = files.iter().max_by_key(|f| f.brotli);
        report.push_str(&format!(
            "| {page} | {when} | {} | {} | {} | {} | {} | {} |\n",
            files.len(),
            kib(sum(|f| f.raw)),
            kib(sum(|f| f.gzip)),
            kib(sum(|f| f.brotli)),
            budget.map_or(String::new(), |k| format!("{k} KiB")),
            largest.map_or(String::new(), |f| format!("{} ({})", f.name, kib(f.brotli))),
        ));
    }
    let worker = budget::measure(
        &root().join("dist"),
        budget::WORKER.iter().map(|n| n.to_string()),
    )?;
    report.push_str(&format!(
        "| redaction worker | when a page first redacts | {} | {} | {} | {} | | |\n",
        worker.len(),
        kib(worker.iter().map(|f| f.raw).sum()),
        kib(worker.iter().map(|f| f.gzip).sum()),
        kib(worker.iter().map(|f| f.brotli).sum()),
    ));

    Ok(())
}

/// `cargo xtask bench [report | sizes]`: every figure, or only the report's (it seeds a
/// database of its own the first time, which takes minutes), or only the entries' first loads.
pub fn run(sections: &[String]) -> Result<()> {
    setup::all()?;
    let mut report = String::from("# Guichet bench report\n\n");
    if sections.iter().any(|s| s == "report") {
        transactions_report(&mut report, &dist::build_server()?)?;
        return write(&report);
    }
    if sections.iter().any(|s| s == "sizes") {
        dist::build_all()?;
        first_loads(&mut report)?;
        return write(&report);
    }
    let server_bin = dist::build_all()?;

    first_loads(&mut report)?;

    let server = Server::start(&server_bin, "bench", Options::default())?;
    let (ok, out) = Cmd::new("node")
        .arg("tests/e2e/bench/load.mjs")
        .arg(&server.url)
        .arg(LOAD_RUNS)
        .run_tee()?;
    drop(server);
    if !ok {
        return Err("the load-time measurement failed".into());
    }
    report.push_str(&format!(
        "\n## Load time\n\nNavigation start to the log-in form being interactive, headless Chromium, \
         loopback, cold browser context each run ({LOAD_RUNS} runs):\n\n{}\n",
        out.lines().filter(|l| l.starts_with("- ")).collect::<Vec<_>>().join("\n")
    ));

    filing(&mut report, &server_bin)?;
    purchases(&mut report, &server_bin)?;
    settlement(&mut report)?;
    lighthouse(&mut report, &server_bin)?;
    wizard(&mut report, &server_bin)?;
    redaction(&mut report)?;
    transactions_report(&mut report, &server_bin)?;
    write(&report)
}

/// Writes the report to `bench/report.md` in the target directory, and prints it.
fn write(report: &str) -> Result<()> {
    let dir = target_dir()?.join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let path = dir.join("report.md");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(report.as_bytes()))
        .map_err(|e| e.to_string())?;
    println!("\n{report}\nwritten to {}", path.display());
    Ok(())
}

const LIGHTHOUSE_RUNS: &str = "3";

/// Lighthouse on the log-in page, the users page and the wizard (tests/e2e/bench/lighthouse.mjs).
fn lighthouse(report: &mut String, server_bin: &Path) -> Result<()> {
    let server = Server::start(server_bin, "bench-lighthouse", FEW)?;
    let (ok, out) = Cmd::new("node")
        .arg("tests/e2e/bench/lighthouse.mjs")
        .arg(&server.url)
        .arg(crate::server::TEST_PASSWORD)
        .arg(LIGHTHOUSE_RUNS)
        .run_tee()?;
    drop(server);
    if !ok {
        return Err("the Lighthouse measurement failed".into());
    }
    report.push_str(&format!(
        "\n## Lighthouse\n\nnpm's `lighthouse` with Debian's Chromium on loopback, its mobile preset \
         (simulated slow 4G and a 4x slower CPU) and, for CLS, its desktop preset; median of \
         {LIGHTHOUSE_RUNS} runs:\n\n{}\n",
        out.lines().filter(|l| l.starts_with('|')).collect::<Vec<_>>().join("\n")
    ));
    Ok(())
}

const WIZARD_RUNS: &str = "5";

/// The ticket wizard with a large log: reading, redacting in the page, and rendering the review.
fn wizard(report: &mut String, server_bin: &Path) -> Result<()> {
    let server = Server::start(server_bin, "bench-wizard", FEW)?;
    let (ok, out) = Cmd::new("node")
        .arg("tests/e2e/bench/wizard.mjs")
        .arg(&server.url)
        .arg(crate::server::TEST_PASSWORD)
        .arg(WIZARD_RUNS)
        .run_tee()?;
    drop(server);
    if !ok {
        return Err("the wizard measurement failed".into());
    }
    report.push_str(&format!(
        "\n## Ticket wizard\n\nFrom attaching a 1 MiB log to the review step showing its findings, \
         headless Chromium, in-page clock ({WIZARD_RUNS} runs):\n\n{}\n",
        out.lines().filter(|l| l.starts_with("- ")).collect::<Vec<_>>().join("\n")
    ));
    Ok(())
}

/// The redaction engine: native and in-browser throughput on the same mixed logs, and what the
/// engine adds to a wasm bundle (the example built with and without it, both through
/// wasm-bindgen and `wasm-opt -Oz`, as Trunk builds the app).
fn redaction(report: &mut String) -> Result<()> {
    let (_, native) = Cmd::new("cargo")
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "guichet-redact",
            "--example",
            "throughput",
        ])
        .run_tee()?;
    let baseline = wasm_example("redact-baseline", &["--cfg", "guichet_bench_baseline"])?;
    let full = wasm_example("redact-wasm", &[])?;
    let (ok, wasm) = Cmd::new("node")
        .arg("tests/e2e/bench/redact.mjs")
        .arg(&full)
        .run_tee()?;
    if !ok {
        return Err("the wasm redaction measurement failed".into());
    }
    let size =
        |dir: &Path| std::fs::read(dir.join("wasm_throughput_bg.wasm")).map_err(|e| e.to_string());
    let (with, without) = (size(&full)?, size(&baseline)?);
    report.push_str(&format!(
        "\n## Redaction engine\n\nThroughput on a deterministic mixed log (secrets and identifiers), \
         warm, median of 5 runs (wasm warmed for a second first); native release build, and wasm in headless Chromium, in the page and in a Web Worker (where the app runs it):\n\n{}\n{}\n\n\
         Added to a wasm bundle: {} raw, {} gzip -9, {} brotli 11.\n",
        native.lines().map(|l| format!("- native {}", l.trim())).collect::<Vec<_>>().join("\n"),
        wasm.lines().filter(|l| l.starts_with("- ")).collect::<Vec<_>>().join("\n"),
        kib(with.len().saturating_sub(without.len())),
        kib(gzip_len(&with).saturating_sub(gzip_len(&without))),
        kib(brotli_len(&with).saturating_sub(brotli_len(&without))),
    ));
    Ok(())
}

/// Builds the engine's wasm example (extra flags go to the example alone) into
/// `bench/NAME` in the target directory, ready for the browser.
fn wasm_example(name: &str, flags: &[&str]) -> Result<std::path::PathBuf> {
    Cmd::new("cargo")
        .args([
            "rustc",
            "--release",
            "-p",
            "guichet-redact",
            "--example",
            "wasm_throughput",
        ])
        .args(["--target", "wasm32-unknown-unknown", "--"])
        .args(flags)
        .run()?;
    let dir = target_dir()?.join("bench").join(name);
    let built = target_dir()?.join("wasm32-unknown-unknown/release/examples/wasm_throughput.wasm");
    Cmd::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&dir)
        .arg(&built)
        .run()?;
    let wasm = dir.join("wasm_throughput_bg.wasm");
    Cmd::new("wasm-opt")
        .arg("-Oz")
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm)
        .run()?;
    Ok(dir)
}

fn kib(n: usize) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

fn gzip_len(bytes: &[u8]) -> usize {
    compress::gzip(bytes).len()
}

fn brotli_len(bytes: &[u8]) -> usize {
    compress::brotli(bytes).len()
}
