//! Installs what building and testing need, skipping what is already there at the right
//! version. Nothing is downloaded at build or test time: Trunk runs offline with these tools.

use std::path::Path;

use crate::cmd::{root, Cmd, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn all() -> Result<()> {
    wasm_target()?;
    cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    // wasm-bindgen's CLI must match the library in Cargo.lock exactly. Its own lock file names a
    // crate version the registry no longer has, so it is installed without --locked.
    cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        &locked_version("wasm-bindgen")?,
        false,
    )?;
    node_tools()?;
    chromium()
}

fn wasm_target() -> Result<()> {
    let installed = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("ok: wasm32-unknown-unknown target");
        return Ok(());
    }
    Cmd::new("rustup")
        .args(["target", "add", "wasm32-unknown-unknown"])
        .run()
}

fn cargo_tool(bin: &str, krate: &str, version: &str, locked: bool) -> Result<()> {
    let found = Cmd::new(bin).arg("--version").output().unwrap_or_default();
    if found.split_whitespace().any(|w| w == version) {
        println!("ok: {bin} {version}");
        return Ok(());
    }
    println!("installing {krate} {version} (a few minutes, once)");
    let cmd = Cmd::new("cargo").args(["install", krate, "--version", version]);
    if locked { cmd.arg("--locked") } else { cmd }.run()
}

/// The version of a package as resolved in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let wanted = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

/// wasm-opt (npm's binaryen: Debian's is too old for current wasm-bindgen output) and
/// Playwright Test, exactly as package-lock.json pins them.
fn node_tools() -> Result<()> {
    let lock =
        std::fs::read_to_string(root().join("package-lock.json")).map_err(|e| e.to_string())?;
    let installed =
        std::fs::read_to_string(root().join("node_modules/.package-lock.json")).unwrap_or_default();
    if same_packages(&lock, &installed) && root().join("node_modules/.bin/wasm-opt").exists() {
        println!("ok: node tools (wasm-opt, Playwright)");
        return Ok(());
    }
    Cmd::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .run()
}

/// npm keeps a copy of the lock's package list in node_modules; equal lists mean installed.
fn same_packages(lock: &str, installed: &str) -> bool {
    let packages = |s: &str| {
        s.split_once("\"node_modules/")
            .map(|(_, rest)| rest.split_whitespace().collect::<String>())
    };
    packages(lock).is_some() && packages(lock) == packages(installed)
}

/// Schemathesis, pinned, in a virtual environment of its own under the target directory (PyPI
/// through pip, nothing else): the contract layer's runner. Returns that environment's Python.
pub fn schemathesis() -> Result<std::path::PathBuf> {
    const VERSION: &str = "4.32.5";
    let venv = crate::cmd::target_dir()?.join(format!("tools/schemathesis-{VERSION}"));
    let python = venv.join("bin/python");
    let found = Cmd::new(venv.join("bin/schemathesis"))
        .arg("--version")
        .output()
        .unwrap_or_default();
    if found.split_whitespace().any(|w| w == VERSION) {
        println!("ok: schemathesis {VERSION}");
        return Ok(python);
    }
    println!("installing schemathesis {VERSION} into {}", venv.display());
    Cmd::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .run()?;
    Cmd::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(format!("schemathesis=={VERSION}"))
        .run()?;
    Ok(python)
}

fn chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("ok: chromium and chromedriver");
        return Ok(());
    }
    println!("installing Debian's chromium and chromium-driver for the browser tests");
    Cmd::new("apt-get").arg("update").run()?;
    Cmd::new("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
}
