//! `cargo xtask test`: every layer from fast to real, each one counted, ending with one line
//! `N passed, N failed` over all of them. A layer that cannot run counts as one failure, and
//! the next layers still run, so one report shows everything that is wrong.

use std::process::ExitCode;

use crate::cmd::{target_dir, Cmd, Result};
use crate::postgres::Postgres;
use crate::proxy::Proxy;
use crate::server::{FakeOperator, Options, Server, FEW_PURCHASES, TEST_PASSWORD};
use crate::{budget, dist, setup};

/// Where the API tests find the PostgreSQL server to make their databases on.
const POSTGRES_ENV: &str = "GUICHET_TEST_POSTGRES";

const LAYERS: [&str; 6] = ["lint", "native", "postgres", "wasm", "contract", "e2e"];

#[derive(Default, Debug, PartialEq)]
struct Tally {
    passed: u32,
    failed: u32,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
    }

    /// A step that is one check (formatting, lints, a build): pass or fail.
    fn check(ok: bool) -> Tally {
        Tally {
            passed: u32::from(ok),
            failed: u32::from(!ok),
        }
    }
}

pub fn run(args: &[String]) -> ExitCode {
    let chosen: Vec<&str> = if args.is_empty() {
        LAYERS.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    if let Some(bad) = chosen.iter().find(|l| !LAYERS.contains(l)) {
        eprintln!(
            "xtask: unknown layer `{bad}`; layers are {}",
            LAYERS.join(", ")
        );
        return ExitCode::from(2);
    }
    let mut total = Tally::default();
    if let Err(e) = setup::all() {
        eprintln!("xtask: setup failed: {e}");
        total.add(Tally::check(false));
    } else {
        for layer in chosen {
            println!("\n=== {layer}");
            let tally = match layer {
                "lint" => lint(),
                "native" => native(),
                "postgres" => on_postgres(),
                "wasm" => wasm(),
                "contract" => contract(),
                _ => e2e(),
            };
            let tally = tally.unwrap_or_else(|e| {
                eprintln!("xtask: {layer}: {e}");
                Tally::check(false)
            });
            println!(
                "=== {layer}: {} passed, {} failed",
                tally.passed, tally.failed
            );
            total.add(tally);
        }
    }
    println!("\n{} passed, {} failed", total.passed, total.failed);
    if total.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn lint() -> Result<Tally> {
    let mut t = Tally::default();
    let fmt = Cmd::new("cargo")
        .args(["fmt", "--all", "--", "--check"])
        .run();
    t.add(Tally::check(fmt.is_ok()));
    let host = Cmd::new("cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run();
    t.add(Tally::check(host.is_ok()));
    // The shared crates' own tests are host-only (proptest), so only their libraries are
    // linted for the browser.
    let wasm = Cmd::new("cargo")
        .args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "guichet",
            "-p",
            "guichet-kit",
            "--all-targets",
        ])
        .args(["--", "-D", "warnings"])
        .run()
        .and_then(|()| {
            Cmd::new("cargo")
                .args([
                    "clippy",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "guichet-domain",
                ])
                .args(["-p", "guichet-redact", "--lib", "--", "-D", "warnings"])
                .run()
        })
        .and_then(|()| {
            Cmd::new("cargo")
                .args(["clippy", "--target", "wasm32-unknown-unknown"])
                .args(["-p", "guichet-redact-worker", "--", "-D", "warnings"])
                .run()
        });
    t.add(Tally::check(wasm.is_ok()));
    Ok(t)
}

fn native() -> Result<Tally> {
    let (ok, out) = Cmd::new("cargo")
        .args(["test", "--workspace", "--no-fail-fast"])
        .run_tee()?;
    Ok(with_exit(libtest_counts(&out), ok))
}

/// The server's API suite again, on a throw-away PostgreSQL: each test on a database of its own.
fn on_postgres() -> Result<Tally> {
    let pg = Postgres::start()?;
    let (ok, out) = Cmd::new("cargo")
        .args(["test", "-p", "guichet-server", "--test", "api"])
        .env(POSTGRES_ENV, &pg.url)
        .run_tee()?;
    drop(pg);
    Ok(with_exit(libtest_counts(&out), ok))
}

/// Browser unit tests: wasm-bindgen-test in headless Chromium (options in webdriver.json).
///
/// The runner stops ChromeDriver by killing it, so Chromium's profile directory (with the test
/// binary in its cache) is never removed: they go to a temporary directory of our own, removed
/// here, instead of piling up in /tmp at every run.
fn wasm() -> Result<Tally> {
    let tmp = target_dir()?.join("tmp/chromium");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let (ok, out) = Cmd::new("cargo")
        .args([
            "test",
            "--package",
            "guichet",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "*",
        ])
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("TMPDIR", &tmp)
        .run_tee()?;
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(with_exit(libtest_counts(&out), ok))
}

/// Schemathesis against the server as its OpenAPI document describes it, as three people, on a
/// fresh database (`tests/contract/run.py` says what is checked).
fn contract() -> Result<Tally> {
    let python = setup::schemathesis()?;
    let options = Options {
        demo_purchases: Some(FEW_PURCHASES),
        ..Options::default()
    };
    let server = Server::start(&dist::build_server()?, "contract", options)?;
    let (ok, out) = Cmd::new(python)
        .arg(crate::cmd::root().join("tests/contract/run.py"))
        .args([&server.url, TEST_PASSWORD])
        .run_tee()?;
    drop(server);
    Ok(with_exit(plain_counts(&out), ok))
}

/// Purchases per merchant in the end-to-end run: enough to scroll and filter through, few
/// enough to seed PostgreSQL quickly (the bench measures 100,000).
const E2E_PURCHASES: usize = 20_000;

/// Playwright against the release build served by the real server, fresh database.
fn e2e() -> Result<Tally> {
    let binary = dist::build_all()?;
    // The first-load budgets, on the build the browser tests run against.
    let mut t = Tally::default();
    for line in budget::check(&crate::cmd::root().join("dist")) {
        match &line {
            Ok(ok) => println!("size: {ok}"),
            Err(over) => eprintln!("size: {over}"),
        }
        t.add(Tally::check(line.is_ok()));
    }
    // As at scale: two server processes on one PostgreSQL, behind a balancer that alternates
    // between them; the second starts once the first has migrated and seeded the database.
    // Both execute refunds through one fake operator.
    let pg = Postgres::start()?;
    let database = pg.create_database("guichet_e2e")?;
    let operator = FakeOperator::start(&dist::fake_operator()?, "e2e-operator")?;
    let options = Options {
        demo_purchases: Some(E2E_PURCHASES),
        database: Some(&database),
        operator: Some(&operator.url),
    };
    let first = Server::start(&binary, "e2e-1", options)?;
    let second = Server::start(&binary, "e2e-2", options)?;
    let balancer = Proxy::start(&[&first.url, &second.url])?;
    // Halfway through, one process is stopped (a rolling restart): the other serves on.
    let stopping = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(45));
        println!("stopping one of the two server processes");
        second.terminate();
    });
    let (ok, out) = Cmd::new("node_modules/.bin/playwright")
        .args([
            "test",
            "--config",
            "tests/e2e/playwright.config.ts",
            "--output",
        ])
        // The config's own outputDir assumes `target/`; traces of failures go beside the builds.
        .arg(target_dir()?.join("e2e/results"))
        .env("GUICHET_URL", &balancer.url)
        .env("GUICHET_DEMO_PASSWORD", TEST_PASSWORD)
        .run_tee()?;
    let _ = stopping.join();
    drop((balancer, first, operator, pg));
    t.add(with_exit(playwright_counts(&out), ok));
    Ok(t)
}

/// A runner that failed without reporting a failed test still failed once.
fn with_exit(t: Tally, ok: bool) -> Tally {
    if !ok && t.failed == 0 {
        Tally { failed: 1, ..t }
    } else {
        t
    }
}

/// Sums libtest's `test result: ok. 12 passed; 0 failed; ...` lines (wasm-bindgen-test prints
/// the same).
fn libtest_counts(out: &str) -> Tally {
    let mut t = Tally::default();
    for line in out
        .lines()
        .filter_map(|l| l.trim().strip_prefix("test result: "))
    {
        for part in line.split(';') {
            let words: Vec<&str> = part.split_whitespace().collect();
            if let [.., n, what] = words[..] {
                let n: u32 = n.parse().unwrap_or(0);
                match what {
                    "passed" => t.passed += n,
                    "failed" => t.failed += n,
                    _ => {}
                }
            }
        }
    }
    t
}

/// Reads the plain closing line `contract: 2 passed, 1 failed`.
fn plain_counts(out: &str) -> Tally {
    let mut t = Tally::default();
    if let Some(line) = out.lines().rev().find(|l| l.contains(" passed, ")) {
        let numbers: Vec<u32> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [passed, failed] = numbers[..] {
            t = Tally { passed, failed };
        }
    }
    t
}

/// Reads Playwright's summary lines: `  12 passed (30.1s)`, `  1 failed`, `  1 flaky`.
fn playwright_counts(out: &str) -> Tally {
    let mut t = Tally::default();
    for line in out.lines() {
        let mut words = line.split_whitespace();
        let (Some(n), Some(what)) = (
            words.next().and_then(|n| n.parse::<u32>().ok()),
            words.next(),
        ) else {
            continue;
        };
        match what {
            "passed" => t.passed += n,
            // A flaky test passed on retry; count it as failed so it gets fixed.
            "failed" | "flaky" => t.failed += n,
            _ => {}
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_summaries() {
        let out = "test a ... ok\ntest result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
                   test result: FAILED. 3 passed; 2 failed; 0 ignored\n";
        assert_eq!(
            libtest_counts(out),
            Tally {
                passed: 15,
                failed: 2
            }
        );
    }

    #[test]
    fn reads_the_plain_closing_line() {
        assert_eq!(
            plain_counts("x\ncontract: 2 passed, 1 failed\n"),
            Tally {
                passed: 2,
                failed: 1
            }
        );
        assert_eq!(plain_counts("nothing"), Tally::default());
    }

    #[test]
    fn reads_playwright_summaries() {
        let out = "  ✓  1 [chromium] › login.spec.ts:3:1 › logs in (1.2s)\n\n  1 failed\n    [chromium] › x\n  1 flaky\n  9 passed (30.2s)\n";
        assert_eq!(
            playwright_counts(out),
            Tally {
                passed: 9,
                failed: 2
            }
        );
    }

    #[test]
    fn a_crashed_runner_counts_as_a_failure() {
        assert_eq!(
            with_exit(
                Tally {
                    passed: 3,
                    failed: 0
                },
                false
            ),
            Tally {
                passed: 3,
                failed: 1
            }
        );
        assert_eq!(
            with_exit(
                Tally {
                    passed: 3,
                    failed: 0
                },
                true
            ),
            Tally {
                passed: 3,
                failed: 0
            }
        );
    }
}
