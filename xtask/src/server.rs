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

impl Server {
    /// A server on a fresh SQLite database.
    pub fn start(binary: &Path, name: &str, demo: bool) -> Result<Server> {
        Server::start_on(binary, name, demo, None)
    }

    /// A server on `database` (a URL), or on a fresh SQLite database without one.
    pub fn start_on(
        binary: &Path,
        name: &str,
        demo: bool,
        database: Option<&str>,
    ) -> Result<Server> {
        let dir = target_dir()?.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let database = database.map_or_else(
            || format!("sqlite://{}", dir.join("guichet.db").display()),
            str::to_owned,
        );
        let log_path = dir.join("server.log");
        let mut child = Command::new(binary)
            .current_dir(root())
            .arg(if demo { "--demo" } else { "--no-demo" })
            .env("GUICHET_ADDR", "127.0.0.1:0")
            .env("GUICHET_DATABASE_URL", database)
            .env("GUICHET_DEMO_PASSWORD", TEST_PASSWORD)
            .env("GUICHET_DIST", root().join("dist"))
            // As behind a proxy: a test can speak for several clients (the log-in's limits are
            // per client address); a request without the header is its peer, as ever.
            .env("GUICHET_CLIENT_IP_HEADER", "x-forwarded-for")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let url = wait_for_url(&mut child, log_path.clone())?;
        println!("server for {name} at {url} (log: {})", log_path.display());
        Ok(Server { child, url })
    }
}

impl Server {
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

/// Reads the server's output into its log until it says where it listens.
fn wait_for_url(child: &mut Child, log_path: PathBuf) -> Result<String> {
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
            if let Some(url) = line.split("Guichet listening on ").nth(1) {
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
    rx.recv_timeout(Duration::from_secs(60)).map_err(|_| {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        format!("the server did not start within 60 s; its log:\n{log}")
    })
}
