//! The project's commands, so that people and CI run the same thing:
//! `cargo xtask setup | build | run | test | bench`.

mod bench;
mod budget;
mod cmd;
mod compress;
mod css;
mod dist;
mod postgres;
mod proxy;
mod server;
mod setup;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  setup              install what is missing: wasm target, Trunk, wasm-bindgen CLI,
                     Node tools (wasm-opt, Playwright), Chromium and ChromeDriver
  build              setup, then build the web app (release) and the server
  run [--no-demo]    build, then serve app and API (GUICHET_ADDR, default 127.0.0.1:8080)
  test [LAYER...]    setup, then every layer, or only the named ones:
                     lint, native, wasm, contract, e2e; ends with 'N passed, N failed'
                     (contract installs Schemathesis from PyPI into target/tools/)
  css                one stylesheet per entry: style/entries/NAME.css into style/bundle/
                     (Trunk runs it before each build)
  bench [report]     size, load-time and throughput figures, written to bench/report.md
                     in the target directory (target/ unless CARGO_TARGET_DIR is set);
                     `report`: only the million-row transactions report's";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("build") => setup::all().and_then(|()| dist::build_all().map(|_| ())),
        Some("run") => run(rest),
        Some("test") => return test::run(rest),
        Some("bench") => bench::run(rest),
        Some("css") => css::bundle_all(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask run`: install, build, then hand the terminal to the server.
/// Refunds go to the fake payment operator, started beside it, unless `GUICHET_OPERATOR_URL`
/// names another (a real operator's sandbox); merchants' connector credentials are checked
/// against the same fake's Orange CI, MTN CI and Orange SN unless `GUICHET_CONNECTOR_URL` names
/// another root.
fn run(args: &[String]) -> cmd::Result<()> {
    let demo = !args.iter().any(|a| a == "--no-demo");
    setup::all()?;
    let server = dist::build_all()?;
    let flag = if demo { "--demo" } else { "--no-demo" };
    let mut command = cmd::Cmd::new(server).arg(flag);
    let _operator = match std::env::var("GUICHET_OPERATOR_URL") {
        Ok(url) if !url.trim().is_empty() => None,
        _ => {
            let fake = server::FakeOperator::start(&dist::fake_operator()?, "run-operator")?;
            command = command.env("GUICHET_OPERATOR_URL", &fake.url);
            if std::env::var("GUICHET_CONNECTOR_URL").is_err() {
                command = command.env("GUICHET_CONNECTOR_URL", &fake.url);
            }
            Some(fake)
        }
    };
    command.run()
}
