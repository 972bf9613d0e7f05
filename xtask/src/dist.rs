//! Building what is served: the web app in release mode by Trunk, compressed, and the server.

use std::path::{Path, PathBuf};

use crate::cmd::{root, target_dir, Cmd, Result};
use crate::compress;

/// Each entry's page at the repository's root (Trunk's source) and the name it has in `dist/`.
/// The server reads the same names from `guichet_domain::Entry`.
pub const ENTRIES: [(&str, &str); 4] = [
    ("login.html", "login.html"),
    ("index.html", "index.html"),
    ("desk.html", "desk.html"),
    ("wizard.html", "wizard.html"),
];

/// The release build of the app, into `dist/`, with the compressed copies the server sends.
/// Trunk builds one page at a time and empties its output folder first, so each entry is built
/// into a folder of its own, then all of them are laid flat in `dist/` (hashed names do not
/// collide; the worker's and `public/`'s files are the same in each).
pub fn build_app() -> Result<PathBuf> {
    let staging = target_dir()?.join("entries");
    let dist = root().join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for (source, page) in ENTRIES {
        let out = staging.join(page.trim_end_matches(".html"));
        Cmd::new("trunk")
            .args(["build", "--release", "--offline", "--dist"])
            .arg(&out)
            .arg(source)
            .run()?;
        lay_flat(&out, &dist, page)?;
    }
    compress::precompress(&dist)?;
    Ok(dist)
}

/// Copies an entry's build into `dist/`, its `index.html` as `page`.
fn lay_flat(from: &Path, dist: &Path, page: &str) -> Result<()> {
    for file in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = file.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let to = dist.join(if name == "index.html" { page } else { &name });
        if path.is_dir() {
            copy_dir(&path, &to)?;
        } else {
            std::fs::copy(&path, &to).map_err(|e| format!("{}: {e}", to.display()))?;
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for file in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let path = file.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().expect("a file"));
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// The server binary. A debug build: it shares the target directory with the test run, and the
/// workspace profile optimises the few crates that need speed (password hashing, SQLite).
/// Builds the server and the fake payment operator; returns the server's binary
/// ([`fake_operator`] is the other's).
pub fn build_server() -> Result<PathBuf> {
    Cmd::new("cargo")
        .args([
            "build",
            "--package",
            "guichet-server",
            "--bin",
            "guichet-server",
            "--package",
            "guichet-fake-operator",
            "--bin",
            "guichet-fake-operator",
        ])
        .run()?;
    Ok(target_dir()?.join("debug/guichet-server"))
}

/// The fake payment operator's binary, built by [`build_server`].
pub fn fake_operator() -> Result<PathBuf> {
    Ok(target_dir()?.join("debug/guichet-fake-operator"))
}

pub fn build_all() -> Result<PathBuf> {
    build_app()?;
    build_server()
}
