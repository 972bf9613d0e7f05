//! A small loopback load balancer for the end-to-end tests: each new connection goes to the
//! next backend in turn, or, when that one does not answer, to the one after (as a balancer's
//! health check would steer it). Dropped, it stops accepting.

use std::io::ErrorKind;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::cmd::Result;

pub struct Proxy {
    pub url: String,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    /// Listens on a free loopback port in front of `backends` (`http://host:port` each).
    pub fn start(backends: &[&str]) -> Result<Proxy> {
        let addrs: Vec<String> = backends
            .iter()
            .map(|b| {
                b.trim_start_matches("http://")
                    .trim_end_matches('/')
                    .to_owned()
            })
            .collect();
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let url = format!(
            "http://{}",
            listener.local_addr().map_err(|e| e.to_string())?
        );
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            let mut next = 0;
            while !stopped.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let _ = client.set_nonblocking(false);
                        if let Some(backend) = connect(&addrs, next) {
                            pipe(client, backend);
                        }
                        next = (next + 1) % addrs.len();
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
        });
        println!("load balancer at {url} in front of {}", backends.join(", "));
        Ok(Proxy { url, stop })
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The first backend that takes the connection, from `first` on.
fn connect(addrs: &[String], first: usize) -> Option<TcpStream> {
    (0..addrs.len())
        .map(|i| &addrs[(first + i) % addrs.len()])
        .find_map(|addr| TcpStream::connect(addr).ok())
}

/// Copies bytes both ways until either side closes.
fn pipe(client: TcpStream, backend: TcpStream) {
    for (mut from, mut to) in [
        (client.try_clone(), backend.try_clone()),
        (backend.try_clone(), client.try_clone()),
    ]
    .into_iter()
    .filter_map(|(a, b)| Some((a.ok()?, b.ok()?)))
    {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Write);
        });
    }
}
