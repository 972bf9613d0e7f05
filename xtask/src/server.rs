//! A throwaway server for end-to-end tests and benchmarks: a free loopback port, a fresh
//! database in its own folder, demo data with a known password. Dropped, it is stopped.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::cmd::{root, target_dir, Result};

pub const TEST_PASSWORD: &str = "guichet-e2e-demo-password";

pub struct Server {
    child: Child,
    pub url: String,
}

/// How a throwaway server starts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Demo data with this many purchases per merchant; `None`: an empty database.
    pub demo_purchases: Option<usize>,
    /// A database URL; `None`: a fresh SQLite database in the server's folder.
    pub database: Option<&'a str>,
    /// The payment operator's base URL; `None`: approved refunds wait.
    pub operator: Option<&'a str>,
}

/// Few purchases: for tests and benches that do not look at them, so that seeding is quick.
pub const FEW_PURCHASES: usize = 2_000;

impl Server {
    /// A server named `name` (its folder under the target directory holds its log and database).
    pub fn start(binary: &Path, name: &str, options: Options<'_>) -> Result<Server> {
        let dir = target_dir()?.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let database = options.database.map_or_else(
            || format!("sqlite://{}", dir.join("guichet.db").display()),
            str::to_owned,
        );
        let log_path = dir.join("server.log");
        let mut command = Command::new(binary);
        command
            .current_dir(root())
            .arg(if options.demo_purchases.is_some() {
                "--demo"
            } else {
                "--no-demo"
            })
            .env("GUICHET_ADDR", "127.0.0.1:0")
            .env("GUICHET_DATABASE_URL", database)
            .env("GUICHET_DEMO_PASSWORD", TEST_PASSWORD)
            .env("GUICHET_DIST", root().join("dist"))
            // As behind a proxy: a test can speak for several clients (the log-in's limits are
            // per client address); a request without the header is its peer, as ever.
            .env("GUICHET_CLIENT_IP_HEADER", "x-forwarded-for");
        if let Some(n) = options.demo_purchases {
            command.env("GUICHET_DEMO_PURCHASES", n.to_string());
        }
        if let Some(url) = options.operator {
            command.env("GUICHET_OPERATOR_URL", url);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        // Seeding takes a while on a debug build: three minutes, and a second per thousand
        // purchases per merchant.
        let seeding = options.demo_purchases.unwrap_or(0) as u64 / 1_000;
        let patience = Duration::from_secs(180 + seeding);
        let url = wait_for_url(
            &mut child,
            log_path.clone(),
            "Guichet listening on ",
            patience,
        )?;
        println!("server for {name} at {url} (log: {})", log_path.display());
        Ok(Server { child, url })
    }
}

/// The fake payment operator (`crates/fake-operator`) on a free loopback port, for the
/// servers of a test run to send refunds to. Dropped, it is stopped.
pub struct FakeOperator {
    child: Child,
    pub url: String,
}

impl FakeOperator {
    pub fn start(binary: &Path, name: &str) -> Result<FakeOperator> {
        let dir = target_dir()?.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let log_path = dir.join("fake-operator.log");
        let mut child = Command::new(binary)
            .env("GUICHET_FAKE_OPERATOR_ADDR", "127.0.0.1:0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let url = wait_for_url(
            &mut child,
            log_path.clone(),
            "listening on ",
            Duration::from_secs(30),
        )?;
        println!(
            "fake operator for {name} at {url} (log: {})",
            log_path.display()
        );
        Ok(FakeOperator { child, url })
    }
}

impl Drop for FakeOperator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// A figure of the server process's memory from `/proc`, in KiB: `VmRSS` (resident now) or
    /// `VmHWM` (the peak resident since it started).
    pub fn memory_kib(&self, field: &str) -> Result<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .map_err(|e| e.to_string())?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| format!("no {field} in /proc/{}/status", self.child.id()))
    }

    /// Asks the server to stop as an orchestrator would (SIGTERM): it stops accepting and
    /// finishes the requests under way; then waits for it to exit.
    pub fn terminate(mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a process's output into its log until it says where it listens (the URL after
/// `marker`).
fn wait_for_url(
    child: &mut Child,
    log_path: PathBuf,
    marker: &'static str,
    patience: Duration,
) -> Result<String> {
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let err_log = log.try_clone().map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        let mut log = log;
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            if let Some(url) = line.split(marker).nth(1) {
                let _ = tx.send(url.trim().to_owned());
            }
            let _ = writeln!(log, "{line}");
        }
    });
    std::thread::spawn(move || {
        let mut log = err_log;
        for line in BufReader::new(stderr)
            .lines()
            .map_while(std::io::Result::ok)
        {
            let _ = writeln!(log, "{line}");
        }
    });
    rx.recv_timeout(patience).map_err(|_| {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        format!(
            "{} did not start within {} s; its log:\n{log}",
            log_path.display(),
            patience.as_secs()
        )
    })
}
