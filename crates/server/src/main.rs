use std::process::ExitCode;

use guichet_server::config::{Config, ConfigError, USAGE};
use guichet_server::{app, auth, db, demo, AppState, Settings};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(ConfigError::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(ConfigError::UnknownArgument(a)) => {
            eprintln!("unknown argument {a:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
        Err(ConfigError::InvalidValue(name, value)) => {
            eprintln!("{name}={value:?} is not valid\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guichet-server: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let pool = db::connect_with(&config.database_url, config.database).await?;
    guichet_server::purge_expired(&pool).await?;
    guichet_server::store::tickets::requeue_unkeyed(&mut *pool.acquire().await?).await?;

    if config.demo {
        demo_data(
            &pool,
            config.demo_password.as_deref(),
            config.demo_purchases,
        )
        .await?;
    }

    let settings = Settings::new(&config.dist, config.secure_cookies)
        .with_follow_up_days(config.follow_up_days)
        .with_public_url(config.public_url.clone())
        .with_login(config.login, config.client_ip_header.clone())
        .with_connectors(guichet_server::connectors::Connectors::from_config(&config));
    if settings.dist.is_none() {
        println!(
            "No web app in {}: serving the API only (run `cargo xtask run`).",
            config.dist.display()
        );
    }
    if let Some(relay) = config.smtp.clone() {
        println!("Notifications go to the SMTP relay at {}", relay.addr);
        tokio::spawn(guichet_server::mailer::run(
            pool.clone(),
            relay,
            std::time::Duration::from_secs(10),
        ));
    }
    // Business days are settled in the background, and caught up at start.
    tokio::spawn(guichet_server::settlement_runner::run(
        pool.clone(),
        std::time::Duration::from_secs(60),
    ));
    match &config.operator {
        Some(operator) => {
            println!(
                "Refunds and payouts go to the payment operator at {}",
                operator.url
            );
            let http: std::sync::Arc<dyn guichet_server::operator::Operator> =
                std::sync::Arc::new(guichet_server::operator::HttpOperator::new(
                    &operator.url,
                    operator.token.clone(),
                    operator.timeout,
                ));
            let every = std::time::Duration::from_secs(1);
            tokio::spawn(guichet_server::refund_runner::run(
                pool.clone(),
                http.clone(),
                operator.timeout,
                every,
            ));
            tokio::spawn(guichet_server::payout_runner::run(
                pool.clone(),
                http,
                operator.timeout,
                every,
            ));
        }
        None => println!(
            "No payment operator (GUICHET_OPERATOR_URL): approved refunds and payouts wait for one."
        ),
    }
    let listener = tokio::net::TcpListener::bind(&config.addr).await?;
    println!("Guichet listening on http://{}", listener.local_addr()?);
    guichet_server::serve::serve(
        listener,
        app(AppState::new(pool, settings)),
        config.limits,
        shutdown(),
    )
    .await;
    Ok(())
}

/// Seeds a new database and prints the demo log-ins, with the password: it is demo data.
async fn demo_data(
    pool: &db::Db,
    configured: Option<&str>,
    purchases: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut conn = pool.acquire().await?;
    let password_line = if demo::is_new(&mut conn).await? {
        let (password, source) = match configured {
            Some(p) => (p.to_owned(), "from GUICHET_DEMO_PASSWORD"),
            None => (
                auth::password::one_time_password(),
                "generated; set GUICHET_DEMO_PASSWORD to choose it",
            ),
        };
        // Hashed once for all demo users: fourteen argon2 runs would slow every start for nothing.
        let hash = auth::password::hash(password.clone()).await?;
        let started = std::time::Instant::now();
        demo::seed_if_new(&mut conn, &hash, purchases).await?;
        println!(
            "Demo data created ({purchases} purchases per merchant) in {:.1} s.",
            started.elapsed().as_secs_f64()
        );
        format!("password {password} ({source})")
    } else {
        match configured {
            Some(p) if demo::password_matches(&mut conn, p).await? => format!("password {p} (from GUICHET_DEMO_PASSWORD)"),
            _ => "the password printed when this database was created (GUICHET_DEMO_PASSWORD only applies to a new one)"
                .to_owned(),
        }
    };
    println!("Demo log-ins, all with {password_line}:");
    for (org, role, email) in demo::logins() {
        println!("  {email:<32} {org}, {}", role.as_str());
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM from whatever runs the process (systemd, a container runtime, an
/// orchestrator draining it): the server stops accepting and finishes the requests under way.
async fn shutdown() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
