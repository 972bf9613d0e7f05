//! Serving the app over TCP with limits on slow and numerous clients, which `axum::serve` does
//! not have: without them, a client that sends half a request and then nothing holds its
//! connection, and its task, for ever.
//!
//! HTTP/1.1 only: the server speaks plain HTTP, which browsers never use for HTTP/2, and
//! telling the two apart means waiting for a client's first bytes with no time limit.

use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue};
use axum::Router;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::Sleep;
use tower::ServiceExt;

/// How long clients may take, and how many are served at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// For a request's headers, from its first byte or from the end of the previous request:
    /// an idle kept-alive connection is closed after it too.
    pub header_timeout: Duration,
    /// For a request's whole body, from its headers: a deadline, not a pause between bytes,
    /// so that a byte trickled now and then does not keep the connection.
    pub body_timeout: Duration,
    /// Connections served at once; the next ones wait in the listen queue, unread.
    pub max_connections: usize,
    /// After the signal to stop, how long open connections are still served, each answer
    /// closing its connection: a client that sends on a kept-alive connection as it is closed
    /// loses that request, so each client is told to open a new one (which the balancer sends
    /// to another process) by an answer, not by a reset.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            // A 10 MiB upload in a minute needs about 1.4 Mbit/s, which a phone usually has.
            body_timeout: Duration::from_secs(60),
            max_connections: 1024,
            drain: Duration::from_secs(5),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then drains the open connections
/// (at most `limits.drain`) and lets the requests under way finish (each bounded by the limits)
/// before returning.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let graceful = GracefulShutdown::new();
    let draining = Arc::new(AtomicBool::new(false));
    let mut shutdown = pin!(shutdown);
    loop {
        // A permit before accepting: past the cap, a connection waits in the kernel's queue.
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, most likely: give the open connections time to end.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let body_timeout = limits.body_timeout;
        let draining = draining.clone();
        let service = service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request.map(|body| Deadline::new(body, body_timeout));
            // The peer's address reaches handlers: the log-in limits clients by it.
            request.extensions_mut().insert(ConnectInfo(peer));
            let answer = router.clone().oneshot(request);
            let draining = draining.clone();
            async move {
                let mut response = answer.await?;
                if draining.load(Ordering::Relaxed) {
                    response
                        .headers_mut()
                        .insert(header::CONNECTION, HeaderValue::from_static("close"));
                }
                Ok::<_, std::convert::Infallible>(response)
            }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // An error here is the client's (gone, too slow, not HTTP): nothing to answer.
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended");
            }
            drop(permit);
        });
    }
    drop(listener);
    // New connections now go to another process; those open are told to close by their next
    // answer, and the ones still idle when the drain ends are closed.
    draining.store(true, Ordering::Relaxed);
    let deadline = tokio::time::Instant::now() + limits.drain;
    while permits.available_permits() < limits.max_connections
        && tokio::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    graceful.shutdown().await;
}

/// A request body's deadline passed before it arrived whole; `request_body::read` answers 408.
#[derive(Debug)]
pub struct BodyTimedOut;

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body did not arrive in time")
    }
}

impl std::error::Error for BodyTimedOut {}

/// A request body that fails with [`BodyTimedOut`] once its deadline has passed.
struct Deadline {
    body: Incoming,
    deadline: Pin<Box<Sleep>>,
}

impl Deadline {
    fn new(body: Incoming, timeout: Duration) -> Self {
        Self {
            body,
            deadline: Box::pin(tokio::time::sleep(timeout)),
        }
    }
}

impl Body for Deadline {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::BoxError>>> {
        // What has arrived is read even late: only waiting for more is refused.
        if let Poll::Ready(frame) = Pin::new(&mut self.body).poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        ready!(self.deadline.as_mut().poll(cx));
        Poll::Ready(Some(Err(Box::new(BodyTimedOut))))
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
