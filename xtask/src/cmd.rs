//! Running other programs: every command is printed before it runs, with the project's tool
//! folders first on PATH.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub type Result<T> = std::result::Result<T, String>;

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the repository")
        .to_path_buf()
}

/// Cargo's target directory: `target/` under the root unless `CARGO_TARGET_DIR` or a cargo
/// config moves it. Asked of cargo itself, once, so that xtask looks for builds where cargo
/// put them.
pub fn target_dir() -> Result<PathBuf> {
    static DIR: OnceLock<Result<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let metadata = Cmd::new("cargo")
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .output()
            .ok_or("`cargo metadata` failed")?;
        target_directory(&metadata)
    })
    .clone()
}

fn target_directory(metadata: &str) -> Result<PathBuf> {
    let metadata: serde_json::Value =
        serde_json::from_str(metadata).map_err(|e| format!("`cargo metadata`: {e}"))?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "`cargo metadata` names no target_directory".to_owned())
}

/// PATH with the Node tools and cargo-installed binaries first, so Trunk finds wasm-opt and
/// wasm-bindgen without downloading them.
pub fn tool_path() -> String {
    let mut dirs = vec![root().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    let mut path: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    if let Ok(old) = std::env::var("PATH") {
        path.push(old);
    }
    path.join(":")
}

pub struct Cmd {
    inner: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        let mut inner = Command::new(program.as_ref());
        inner.current_dir(root()).env("PATH", tool_path());
        Cmd {
            inner,
            shown: program.as_ref().to_string_lossy().into_owned(),
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.shown.push(' ');
        self.shown.push_str(&arg.as_ref().to_string_lossy());
        self.inner.arg(arg);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(self, args: I) -> Self {
        args.into_iter().fold(self, Cmd::arg)
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.inner.env(key, value);
        self
    }

    /// Runs to completion with the terminal attached; a non-zero exit is an error.
    pub fn run(mut self) -> Result<()> {
        println!("$ {}", self.shown);
        let status = self
            .inner
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.shown))
        }
    }

    /// Runs to completion, echoing standard output and standard error as they come and
    /// returning both (merged) with whether it succeeded.
    pub fn run_tee(mut self) -> Result<(bool, String)> {
        println!("$ {}", self.shown);
        let mut child = self
            .inner
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        let stderr = child.stderr.take().expect("piped");
        let errs = std::thread::spawn(move || {
            let mut seen = String::new();
            for line in BufReader::new(stderr)
                .lines()
                .map_while(std::io::Result::ok)
            {
                eprintln!("{line}");
                seen.push_str(&line);
                seen.push('\n');
            }
            seen
        });
        let mut out = String::new();
        for line in BufReader::new(child.stdout.take().expect("piped"))
            .lines()
            .map_while(std::io::Result::ok)
        {
            println!("{line}");
            out.push_str(&line);
            out.push('\n');
        }
        let status = child.wait().map_err(|e| e.to_string())?;
        out.push_str(&errs.join().unwrap_or_default());
        Ok((status.success(), out))
    }

    /// Runs quietly and returns standard output, or None when it cannot run or fails.
    pub fn output(mut self) -> Option<String> {
        let out = self.inner.stderr(Stdio::null()).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_target_directory_from_cargo_metadata() {
        let out = r#"{"packages":[],"target_directory":"/tmp/elsewhere","version":1}"#;
        assert_eq!(target_directory(out), Ok(PathBuf::from("/tmp/elsewhere")));
        assert!(target_directory(r#"{"version":1}"#).is_err());
    }
}
