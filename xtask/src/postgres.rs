//! A throw-away PostgreSQL server for the tests: Debian's `postgresql` package (installed when
//! missing), a new cluster in a folder of its own under the system's temporary directory, on a
//! free loopback port, with nothing else on the machine touched. PostgreSQL refuses to run as
//! root: under root the cluster belongs to the package's `postgres` user. Dropped, the server
//! stops and its folder goes.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

use crate::cmd::{Cmd, Result};

pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    /// Who runs the server: `postgres` when xtask runs as root.
    owner: Option<&'static str>,
    /// The administrator's URL (user `guichet`, database `postgres`, trusted on loopback).
    pub url: String,
}

impl Postgres {
    pub fn start() -> Result<Postgres> {
        let bin = match binaries() {
            Some(bin) => bin,
            None => {
                install()?;
                binaries().ok_or("PostgreSQL's binaries are still missing after the install")?
            }
        };
        let dir = std::env::temp_dir().join(format!("guichet-postgres-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let owner = is_root().then_some("postgres");
        if let Some(user) = owner {
            Cmd::new("chown").args([user]).arg(&dir).run()?;
        }
        let port = free_port()?;
        let data = dir.join("data");
        let pg = Postgres {
            url: format!("postgres://guichet@127.0.0.1:{port}/postgres"),
            dir,
            bin,
            owner,
        };
        pg.as_owner("initdb")
            .args([
                "-U",
                "guichet",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
                "-D",
            ])
            .arg(&data)
            .run()?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            pg.dir.display()
        );
        pg.as_owner("pg_ctl")
            .args(["-w", "-D"])
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(pg.dir.join("server.log"))
            .arg("start")
            .run()?;
        println!("postgresql for the tests at {}", pg.url);
        Ok(pg)
    }

    /// A new, empty database on the server: its URL.
    pub fn create_database(&self, name: &str) -> Result<String> {
        Cmd::new(self.bin.join("psql"))
            .args([
                "-q",
                "-d",
                &self.url,
                "-c",
                &format!("CREATE DATABASE {name}"),
            ])
            .run()?;
        let (server, _) = self.url.rsplit_once('/').ok_or("a database in the URL")?;
        Ok(format!("{server}/{name}"))
    }

    /// `program` of the package's binaries, run as the cluster's owner.
    fn as_owner(&self, program: &str) -> Cmd {
        let path = self.bin.join(program);
        match self.owner {
            Some(user) => Cmd::new("runuser").args(["-u", user, "--"]).arg(path),
            None => Cmd::new(path),
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self
            .as_owner("pg_ctl")
            .args(["-m", "immediate", "-D"])
            .arg(self.dir.join("data"))
            .arg("stop")
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest installed server's `bin/` (`/usr/lib/postgresql/N/bin`).
fn binaries() -> Option<PathBuf> {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable();
    let bin = Path::new("/usr/lib/postgresql")
        .join(versions.last()?.to_string())
        .join("bin");
    bin.join("initdb").exists().then_some(bin)
}

fn install() -> Result<()> {
    println!("installing Debian's postgresql for the tests on PostgreSQL");
    Cmd::new("apt-get").arg("update").run()?;
    Cmd::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "postgresql"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
}

fn is_root() -> bool {
    Cmd::new("id")
        .arg("-u")
        .output()
        .is_some_and(|uid| uid.trim() == "0")
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}
