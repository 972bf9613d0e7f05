//! The app served on a real port (`serve`), with short limits, against clients that are slow or
//! too many: each must be cut off or kept waiting, never held for ever.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use guichet_domain::paths;
use guichet_server::serve::{serve, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::helpers::*;

/// Longer than any limit set here: a test that waits this long has found a client held.
const HELD: Duration = Duration::from_secs(10);

struct Served {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    server: JoinHandle<()>,
    _app: TestApp,
}

impl Served {
    async fn start(limits: Limits) -> Self {
        let app = spawn_app().await;
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, app.router.clone(), limits, async {
            let _ = stopped.await;
        }));
        Self {
            addr,
            stop,
            server,
            _app: app,
        }
    }

    async fn connect(&self) -> TcpStream {
        TcpStream::connect(self.addr).await.unwrap()
    }

    /// Shuts down as on Ctrl-C: the server returns once its connections are done.
    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(HELD, self.server)
            .await
            .expect("the server stops")
            .unwrap();
    }
}

fn limits(header: Duration, body: Duration, max_connections: usize) -> Limits {
    Limits {
        header_timeout: header,
        body_timeout: body,
        max_connections,
        drain: Duration::ZERO,
    }
}

/// Everything the server sends until it closes the connection.
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    tokio::time::timeout(HELD, stream.read_to_end(&mut received))
        .await
        .expect("the server closes the connection")
        .ok();
    String::from_utf8_lossy(&received).into_owned()
}

/// One response's head and body on a kept-alive connection (the health answer is small).
async fn read_response(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut chunk = [0; 4096];
    while !String::from_utf8_lossy(&received).contains("\"status\"") {
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "closed: {}", String::from_utf8_lossy(&received));
        received.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8_lossy(&received).into_owned()
}

fn health_request() -> String {
    format!(
        "GET {}{} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        paths::PREFIX,
        paths::HEALTH
    )
}

#[tokio::test]
async fn half_a_request_line_is_closed_after_the_header_timeout() {
    let header_timeout = Duration::from_millis(300);
    let served = Served::start(limits(header_timeout, HELD, 8)).await;
    let mut client = served.connect().await;
    let started = Instant::now();
    client.write_all(b"GET /api/v1/hea").await.unwrap();
    let answer = read_to_close(&mut client).await;
    assert!(started.elapsed() >= header_timeout);
    assert!(!answer.contains("200 OK"), "{answer}");

    // An idle kept-alive connection goes the same way.
    let mut client = served.connect().await;
    client.write_all(health_request().as_bytes()).await.unwrap();
    assert!(read_response(&mut client).await.starts_with("HTTP/1.1 200"));
    read_to_close(&mut client).await;
    served.stop().await;
}

#[tokio::test]
async fn a_body_that_stops_or_trickles_is_408_with_the_envelope() {
    let body_timeout = Duration::from_millis(500);
    let served = Served::start(limits(HELD, body_timeout, 8)).await;
    let head = format!(
        "POST {}{} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n",
        paths::PREFIX,
        paths::LOGIN
    );

    let mut stopped = served.connect().await;
    stopped
        .write_all(format!("{head}{{\"email\": ").as_bytes())
        .await
        .unwrap();
    let answer = read_to_close(&mut stopped).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(r#""code":"request_timeout""#), "{answer}");
    assert!(answer.contains("x-request-id"), "{answer}");

    // A byte every 100 ms never pauses long, but the whole body is still late.
    let mut trickling = served.connect().await;
    trickling.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (mut reader, mut writer) = trickling.split();
    let trickle = async {
        for _ in 0..200 {
            if writer.write_all(b" ").await.is_err() {
                // Cut off: only the answer is awaited now.
                std::future::pending::<()>().await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    let mut received = Vec::new();
    tokio::select! {
        _ = reader.read_to_end(&mut received) => {}
        () = trickle => panic!("the trickle was read whole"),
    }
    let answer = String::from_utf8_lossy(&received);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(5));
    served.stop().await;
}

#[tokio::test]
async fn past_the_connection_cap_a_client_waits_until_one_closes() {
    let served = Served::start(limits(HELD, HELD, 2)).await;
    let mut first = served.connect().await;
    let mut second = served.connect().await;
    for client in [&mut first, &mut second] {
        client.write_all(health_request().as_bytes()).await.unwrap();
        assert!(read_response(client).await.starts_with("HTTP/1.1 200"));
    }

    let mut third = served.connect().await;
    third.write_all(health_request().as_bytes()).await.unwrap();
    let mut byte = [0; 1];
    assert!(
        tokio::time::timeout(Duration::from_millis(500), third.read(&mut byte))
            .await
            .is_err(),
        "a third connection was served beside two open ones"
    );

    drop(first);
    let answer = tokio::time::timeout(HELD, read_response(&mut third))
        .await
        .expect("served once a connection closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    drop((second, third));
    served.stop().await;
}

#[tokio::test]
async fn a_stopping_server_answers_each_open_connection_once_more_telling_it_to_close() {
    let drain = HELD * 2;
    let served = Served::start(Limits {
        drain,
        ..limits(HELD, HELD, 8)
    })
    .await;
    let mut client = served.connect().await;
    client.write_all(health_request().as_bytes()).await.unwrap();
    let answer = read_response(&mut client).await.to_ascii_lowercase();
    assert!(!answer.contains("connection: close"), "{answer}");

    let Served {
        addr, stop, server, ..
    } = served;
    stop.send(()).unwrap();
    // New connections go elsewhere (a balancer tries the next process)...
    let started = Instant::now();
    while TcpStream::connect(addr).await.is_ok() {
        assert!(
            started.elapsed() < HELD,
            "still accepting after the signal to stop"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // ...while the kept-alive one, idle when the signal came, is answered once more and told
    // to close, instead of being cut as its request arrives.
    client.write_all(health_request().as_bytes()).await.unwrap();
    let answer = read_to_close(&mut client).await.to_ascii_lowercase();
    assert!(answer.starts_with("http/1.1 200"), "{answer}");
    assert!(answer.contains("connection: close"), "{answer}");
    // With no connection left, the server does not wait for the end of the drain.
    tokio::time::timeout(HELD, server)
        .await
        .expect("the server stops once its connections are closed")
        .unwrap();
}
