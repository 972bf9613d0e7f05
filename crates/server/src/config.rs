//! Configuration from environment variables and two command-line flags; nothing else.

use std::path::PathBuf;
use std::time::Duration;

use crate::serve::Limits;

use axum::http::HeaderName;

use crate::auth::login_guard::LoginLimits;
use crate::auth::rate_limit::Rate;

pub const USAGE: &str = "\
Usage: guichet-server [--demo | --no-demo]

  --demo      insert demo organisations and users into a new database (default)
  --no-demo   start with an empty database

Environment:
  GUICHET_ADDR            listen address (default 127.0.0.1:8080; port 0 picks a free one)
  GUICHET_DATABASE_URL    sqlite://FILE (default sqlite://data/guichet.db, created if missing)
                          or postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=verify-full]
  GUICHET_DATABASE_POOL   connections this process keeps to the database (default 8)
  GUICHET_DATABASE_STATEMENT_TIMEOUT_SECS
                          PostgreSQL: seconds a statement may run before it is cancelled (default 30)
  GUICHET_DEMO_PASSWORD   password of every demo user (default: random, printed at start-up)
  GUICHET_DEMO_PURCHASES  purchases each demo merchant gets (default 100000)
  GUICHET_DIST            the built web app (default dist)
  GUICHET_SECURE_COOKIES  1 to mark the session cookie Secure (behind HTTPS)
  GUICHET_FOLLOW_UP_DAYS  days after resolution a merchant may reopen a ticket (default 14)
  GUICHET_OPERATOR_URL    base URL of the payment operator that executes refunds (default: none,
                          approved refunds wait); `cargo xtask run` starts the fake operator
  GUICHET_OPERATOR_TOKEN  bearer token for the operator's API (default: none)
  GUICHET_OPERATOR_TIMEOUT_SECS
                          seconds one call to the operator may take (default 10)
  GUICHET_CONNECTOR_URL   root URL serving every mobile-money operator merchants connect, each at
                          {root}/{orange-ci|mtn-ci|orange-sn}/{sandbox|production} (default: none);
                          `cargo xtask run` starts the fake operator, which serves them so
  GUICHET_CONNECTOR_ORANGE_CI_URL, GUICHET_CONNECTOR_MTN_CI_URL, GUICHET_CONNECTOR_ORANGE_SN_URL
                          one operator at its own base URL, used as is for both environments
                          but for `{environment}`, replaced by sandbox or production (default: none)
  GUICHET_CONNECTOR_TIMEOUT_SECS
                          seconds a check of connector credentials may take (default 10)
  GUICHET_SMTP_ADDR       host:port of an SMTP relay for notifications (default: none, kept in the outbox)
  GUICHET_SMTP_FROM       sender address of notifications (default guichet@localhost)
  GUICHET_PUBLIC_URL      the address users reach the app at, for links in mail
                          (default http://127.0.0.1:8080)
  GUICHET_HEADER_TIMEOUT_SECS  seconds a client has to send a request's headers (default 10)
  GUICHET_BODY_TIMEOUT_SECS    seconds a client has to send a request's whole body (default 60)
  GUICHET_MAX_CONNECTIONS      connections served at once; others wait (default 1024)
  GUICHET_LOGIN_PER_MINUTE_PER_CLIENT
                          log-in attempts one client address may make a minute (default 20)
  GUICHET_LOGIN_PER_SECOND
                          log-in attempts from everyone together a second (default 20)
  GUICHET_CLIENT_IP_HEADER
                          behind a reverse proxy: the header it writes the client's address in,
                          e.g. x-forwarded-for (default: none, the peer's address is the client's)
  RUST_LOG                log filter (default info)";

pub const DEFAULT_FOLLOW_UP_DAYS: u32 = 14;
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub addr: String,
    pub database_url: String,
    /// How many connections, and for how long a statement may run.
    pub database: crate::db::Options,
    pub demo: bool,
    pub demo_password: Option<String>,
    /// Purchases each demo merchant gets.
    pub demo_purchases: usize,
    pub dist: PathBuf,
    pub secure_cookies: bool,
    /// Days after resolution during which a merchant may ask for a follow-up.
    pub follow_up_days: u32,
    /// Where notifications are sent; without one they stay in the outbox.
    pub smtp: Option<crate::mailer::Relay>,
    /// The app's address as its users reach it, without a trailing `/`: links in mail start so.
    pub public_url: String,
    /// Time allowed to slow clients, and how many are served at once.
    pub limits: Limits,
    pub login: LoginLimits,
    pub client_ip_header: Option<HeaderName>,
    /// The payment operator that executes refunds; without one, approved refunds wait.
    pub operator: Option<Operator>,
    /// Where the mobile-money operators that merchants' connector credentials are checked
    /// against are.
    pub connectors: ConnectorSettings,
}

/// Where the mobile-money operators of connector credentials are (see `connectors`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectorSettings {
    /// `GUICHET_CONNECTOR_URL`, without a trailing `/`: every operator under it, at
    /// `{root}/{slug}/{environment}`.
    pub root: Option<String>,
    /// `GUICHET_CONNECTOR_{CODE}_URL` by operator code (`orange_ci`, …), without a trailing `/`:
    /// that operator's own base URL, used as it is for both environments but for
    /// `{environment}`.
    pub urls: std::collections::BTreeMap<String, String>,
    /// `GUICHET_CONNECTOR_TIMEOUT_SECS`: what a call, and a whole check, may take.
    pub timeout: Duration,
}

impl Default for ConnectorSettings {
    fn default() -> Self {
        Self {
            root: None,
            urls: Default::default(),
            timeout: DEFAULT_CONNECTOR_TIMEOUT,
        }
    }
}

/// A check of connector credentials answers within this, by default.
pub const DEFAULT_CONNECTOR_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the payment operator is, and how to call it.
#[derive(Clone, PartialEq, Eq)]
pub struct Operator {
    pub url: String,
    pub token: Option<String>,
    pub timeout: Duration,
}

impl std::fmt::Debug for Operator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is a secret: never printed.
        f.debug_struct("Operator")
            .field("url", &self.url)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum ConfigError {
    Help,
    UnknownArgument(String),
    /// A variable holds something it cannot mean: (name, value).
    InvalidValue(String, String),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::parse(|name| std::env::var(name).ok(), std::env::args().skip(1))
    }

    /// Reads through `var` and `args` so tests need not touch the process environment.
    pub fn parse(
        var: impl Fn(&str) -> Option<String>,
        args: impl IntoIterator<Item = String>,
    ) -> Result<Self, ConfigError> {
        let non_empty = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        // A whole number from 1 (zero would refuse every client) to `max` (past which a
        // deadline or a count overflows).
        let up_to = |max: usize, name: &str, default: usize| match non_empty(name) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ConfigError::InvalidValue(name.into(), v)),
            },
        };
        const DAY_SECS: usize = 24 * 60 * 60;
        let seconds = |name: &str, default: Duration| {
            up_to(DAY_SECS, name, default.as_secs() as usize).map(|s| Duration::from_secs(s as u64))
        };
        let defaults = Limits::default();
        let limits = Limits {
            header_timeout: seconds("GUICHET_HEADER_TIMEOUT_SECS", defaults.header_timeout)?,
            body_timeout: seconds("GUICHET_BODY_TIMEOUT_SECS", defaults.body_timeout)?,
            max_connections: up_to(
                1_000_000,
                "GUICHET_MAX_CONNECTIONS",
                defaults.max_connections,
            )?,
            drain: seconds("GUICHET_DRAIN_SECS", defaults.drain)?,
        };
        let login_defaults = LoginLimits::default();
        let count = |name: &str, default: Rate| {
            up_to(1_000_000, name, default.burst as usize).map(|n| n as u32)
        };
        let login = LoginLimits {
            per_client: Rate::per_minute(count(
                "GUICHET_LOGIN_PER_MINUTE_PER_CLIENT",
                login_defaults.per_client,
            )?),
            global: Rate::per_second(count("GUICHET_LOGIN_PER_SECOND", login_defaults.global)?),
            ..login_defaults
        };
        let client_ip_header = match non_empty("GUICHET_CLIENT_IP_HEADER") {
            None => None,
            Some(v) => Some(
                HeaderName::try_from(v.trim())
                    .map_err(|_| ConfigError::InvalidValue("GUICHET_CLIENT_IP_HEADER".into(), v))?,
            ),
        };
        let public_url = match non_empty("GUICHET_PUBLIC_URL") {
            None => DEFAULT_PUBLIC_URL.to_owned(),
            Some(v) => {
                let url = v.trim().trim_end_matches('/');
                if !url.starts_with("http://") && !url.starts_with("https://") {
                    return Err(ConfigError::InvalidValue("GUICHET_PUBLIC_URL".into(), v));
                }
                url.to_owned()
            }
        };
        let operator = match non_empty("GUICHET_OPERATOR_URL") {
            None => None,
            Some(url) => {
                let url = url.trim().trim_end_matches('/').to_owned();
                if !url.starts_with("http://") && !url.starts_with("https://") {
                    return Err(ConfigError::InvalidValue(
                        "GUICHET_OPERATOR_URL".into(),
                        url,
                    ));
                }
                Some(Operator {
                    url,
                    token: non_empty("GUICHET_OPERATOR_TOKEN").map(|t| t.trim().to_owned()),
                    timeout: seconds("GUICHET_OPERATOR_TIMEOUT_SECS", Duration::from_secs(10))?,
                })
            }
        };
        // An absolute http(s) URL, without a trailing `/`.
        let url = |name: &str| match non_empty(name) {
            None => Ok(None),
            Some(v) => {
                let url = v.trim().trim_end_matches('/');
                if url.starts_with("http://") || url.starts_with("https://") {
                    Ok(Some(url.to_owned()))
                } else {
                    Err(ConfigError::InvalidValue(name.into(), v))
                }
            }
        };
        let mut connector_urls = std::collections::BTreeMap::new();
        for code in crate::connectors::codes() {
            if let Some(u) = url(&crate::connectors::url_variable(code))? {
                connector_urls.insert(code.to_owned(), u);
            }
        }
        let connectors = ConnectorSettings {
            root: url("GUICHET_CONNECTOR_URL")?,
            urls: connector_urls,
            timeout: seconds("GUICHET_CONNECTOR_TIMEOUT_SECS", DEFAULT_CONNECTOR_TIMEOUT)?,
        };
        let mut demo = true;
        for arg in args {
            match arg.as_str() {
                "--demo" => demo = true,
                "--no-demo" => demo = false,
                "-h" | "--help" => return Err(ConfigError::Help),
                _ => return Err(ConfigError::UnknownArgument(arg)),
            }
        }
        Ok(Self {
            addr: non_empty("GUICHET_ADDR").unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            database: crate::db::Options {
                pool: up_to(10_000, "GUICHET_DATABASE_POOL", 8)? as u32,
                statement_timeout: seconds(
                    "GUICHET_DATABASE_STATEMENT_TIMEOUT_SECS",
                    std::time::Duration::from_secs(30),
                )?,
            },
            database_url: non_empty("GUICHET_DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/guichet.db".to_owned()),
            demo,
            demo_password: var("GUICHET_DEMO_PASSWORD").filter(|v| !v.is_empty()),
            demo_purchases: match non_empty("GUICHET_DEMO_PURCHASES") {
                None => crate::demo::PURCHASES,
                Some(v) => match v.trim().parse::<usize>() {
                    // Two million: enough for the report bench's million rows, not a typo's.
                    Ok(n) if n <= 2_000_000 => n,
                    _ => {
                        return Err(ConfigError::InvalidValue(
                            "GUICHET_DEMO_PURCHASES".into(),
                            v,
                        ))
                    }
                },
            },
            dist: PathBuf::from(non_empty("GUICHET_DIST").unwrap_or_else(|| "dist".to_owned())),
            secure_cookies: matches!(
                non_empty("GUICHET_SECURE_COOKIES")
                    .as_deref()
                    .map(str::trim),
                Some("1" | "true")
            ),
            smtp: non_empty("GUICHET_SMTP_ADDR").map(|addr| crate::mailer::Relay {
                addr: addr.trim().to_owned(),
                from: non_empty("GUICHET_SMTP_FROM")
                    .map_or_else(|| "guichet@localhost".to_owned(), |f| f.trim().to_owned()),
            }),
            public_url,
            follow_up_days: match non_empty("GUICHET_FOLLOW_UP_DAYS") {
                None => DEFAULT_FOLLOW_UP_DAYS,
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError::InvalidValue("GUICHET_FOLLOW_UP_DAYS".into(), v))?,
            },
            limits,
            login,
            client_ip_header,
            operator,
            connectors,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(vars: &[(&str, &str)], args: &[&str]) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::parse(
            |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            args.iter().map(|a| a.to_string()),
        )
    }

    #[test]
    fn defaults() {
        let c = parse(&[], &[]).unwrap();
        assert_eq!(c.addr, "127.0.0.1:8080");
        assert_eq!(c.database_url, "sqlite://data/guichet.db");
        assert!(c.demo && !c.secure_cookies && c.demo_password.is_none());
        assert_eq!(c.dist, PathBuf::from("dist"));
        assert_eq!(c.follow_up_days, 14);
        assert_eq!(c.smtp, None);
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
        assert_eq!(c.login, LoginLimits::default());
        assert_eq!(c.client_ip_header, None);
        assert_eq!(c.limits, Limits::default());
        assert_eq!(c.limits.header_timeout, Duration::from_secs(10));
        assert_eq!(c.limits.max_connections, 1024);
        assert_eq!(c.connectors, ConnectorSettings::default());
        assert_eq!(c.connectors.timeout, Duration::from_secs(10));
    }

    #[test]
    fn connectors() {
        let c = parse(
            &[
                ("GUICHET_CONNECTOR_URL", " http://127.0.0.1:9100/ "),
                (
                    "GUICHET_CONNECTOR_MTN_CI_URL",
                    "https://sandbox.momodeveloper.mtn.com/",
                ),
                ("GUICHET_CONNECTOR_TIMEOUT_SECS", "4"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(c.connectors.root.as_deref(), Some("http://127.0.0.1:9100"));
        assert_eq!(
            c.connectors.urls,
            std::collections::BTreeMap::from([(
                "mtn_ci".to_owned(),
                "https://sandbox.momodeveloper.mtn.com".to_owned()
            )])
        );
        assert_eq!(c.connectors.timeout, Duration::from_secs(4));
        for (name, value) in [
            ("GUICHET_CONNECTOR_URL", "127.0.0.1:9100"),
            ("GUICHET_CONNECTOR_ORANGE_SN_URL", "ftp://osn.example"),
            ("GUICHET_CONNECTOR_TIMEOUT_SECS", "0"),
        ] {
            assert_eq!(
                parse(&[(name, value)], &[]),
                Err(ConfigError::InvalidValue(name.into(), value.into()))
            );
        }
    }

    #[test]
    fn limits_on_clients() {
        let c = parse(
            &[
                ("GUICHET_HEADER_TIMEOUT_SECS", "5"),
                ("GUICHET_BODY_TIMEOUT_SECS", " 120 "),
                ("GUICHET_MAX_CONNECTIONS", "64"),
                ("GUICHET_DRAIN_SECS", "30"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(
            c.limits,
            Limits {
                header_timeout: Duration::from_secs(5),
                body_timeout: Duration::from_secs(120),
                max_connections: 64,
                drain: Duration::from_secs(30),
            }
        );
        for (name, value) in [
            ("GUICHET_HEADER_TIMEOUT_SECS", "0"),
            ("GUICHET_BODY_TIMEOUT_SECS", "1.5"),
            ("GUICHET_MAX_CONNECTIONS", "-1"),
            ("GUICHET_HEADER_TIMEOUT_SECS", "18446744073709551615"),
        ] {
            assert_eq!(
                parse(&[(name, value)], &[]),
                Err(ConfigError::InvalidValue(name.into(), value.into()))
            );
        }
    }

    #[test]
    fn variables_and_flags() {
        let c = parse(
            &[
                ("GUICHET_ADDR", "127.0.0.1:0"),
                ("GUICHET_SECURE_COOKIES", "1"),
                ("GUICHET_DEMO_PASSWORD", "pw"),
            ],
            &["--no-demo"],
        )
        .unwrap();
        assert_eq!(c.addr, "127.0.0.1:0");
        assert!(c.secure_cookies && !c.demo);
        assert_eq!(c.demo_password.as_deref(), Some("pw"));
        let c = parse(
            &[
                ("GUICHET_FOLLOW_UP_DAYS", "30"),
                ("GUICHET_SMTP_ADDR", "127.0.0.1:25"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(c.follow_up_days, 30);
        assert_eq!(
            c.smtp.map(|r| (r.addr, r.from)),
            Some(("127.0.0.1:25".to_owned(), "guichet@localhost".to_owned()))
        );
        let c = parse(
            &[
                ("GUICHET_LOGIN_PER_MINUTE_PER_CLIENT", "600"),
                ("GUICHET_CLIENT_IP_HEADER", "X-Forwarded-For"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(c.login.per_client, Rate::per_minute(600));
        assert_eq!(c.client_ip_header.unwrap(), "x-forwarded-for");
        let c = parse(
            &[("GUICHET_PUBLIC_URL", " https://guichet.example.ci/ ")],
            &[],
        )
        .unwrap();
        assert_eq!(c.public_url, "https://guichet.example.ci");
        assert!(matches!(
            parse(&[("GUICHET_PUBLIC_URL", "guichet.example.ci")], &[]),
            Err(ConfigError::InvalidValue(..))
        ));
        assert!(matches!(
            parse(&[("GUICHET_FOLLOW_UP_DAYS", "two weeks")], &[]),
            Err(ConfigError::InvalidValue(..))
        ));
        assert_eq!(
            parse(&[], &["--nope"]),
            Err(ConfigError::UnknownArgument("--nope".into()))
        );
    }
}
