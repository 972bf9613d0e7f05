//! Building what is served: the web app in release mode by Trunk, compressed, and the server.

use std::path::PathBuf;

use crate::cmd::{root, target_dir, Cmd, Result};
use crate::compress;

/// The release build of the app, into `dist/`, with the compressed copies the server sends.
pub fn build_app() -> Result<PathBuf> {
    Cmd::new("trunk")
        .args(["build", "--release", "--offline"])
        .run()?;
    let dist = root().join("dist");
    compress::precompress(&dist)?;
    Ok(dist)
}

/// The server binary. A debug build: it shares the target directory with the test run, and the
/// workspace profile optimises the few crates that need speed (password hashing, SQLite).
pub fn build_server() -> Result<PathBuf> {
    Cmd::new("cargo")
        .args([
            "build",
            "--package",
            "guichet-server",
            "--bin",
            "guichet-server",
        ])
        .run()?;
    Ok(target_dir()?.join("debug/guichet-server"))
}

pub fn build_all() -> Result<PathBuf> {
    build_app()?;
    build_server()
}
