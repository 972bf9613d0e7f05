//! The fake payment operator as a process, for demos: `GUICHET_FAKE_OPERATOR_ADDR` (default
//! `127.0.0.1:8090`) and optionally `GUICHET_FAKE_OPERATOR_BEHAVIOUR`, a JSON behaviour such
//! as `{"fail": 0.2, "seed": 1}`. Besides the refund and transfer APIs, it serves the fake
//! connectors under `/orange-ci`, `/mtn-ci` and `/orange-sn` (see the library's `connectors`).
//! Its state lives in memory and dies with it.

use std::future::IntoFuture;
use std::process::ExitCode;

use guichet_fake_operator::{Behaviour, FakeOperator};
use tracing_subscriber::EnvFilter;

const DEFAULT_ADDR: &str = "127.0.0.1:8090";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guichet-fake-operator: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let addr =
        std::env::var("GUICHET_FAKE_OPERATOR_ADDR").unwrap_or_else(|_| DEFAULT_ADDR.to_owned());
    let behaviour = match std::env::var("GUICHET_FAKE_OPERATOR_BEHAVIOUR") {
        Ok(json) => {
            let behaviour: Behaviour = serde_json::from_str(&json)
                .map_err(|e| format!("GUICHET_FAKE_OPERATOR_BEHAVIOUR: {e}"))?;
            behaviour
                .validate()
                .map_err(|e| format!("GUICHET_FAKE_OPERATOR_BEHAVIOUR: {e}"))?;
            behaviour
        }
        Err(_) => Behaviour::default(),
    };
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "Fake payment operator (for demos and tests, not a real one) listening on http://{}",
        listener.local_addr()?
    );
    let router = FakeOperator::new(behaviour).router();
    // Stops at once rather than draining: requests may be sleeping out a simulated timeout,
    // and what was recorded dies with the process anyway.
    tokio::select! {
        served = axum::serve(listener, router).into_future() => served?,
        () = shutdown() => {}
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM from whatever runs the demo.
async fn shutdown() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
