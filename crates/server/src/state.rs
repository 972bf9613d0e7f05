//! What every handler may reach: the database and the settings fixed at start-up.

use std::path::PathBuf;
use std::sync::Arc;

use axum::http::HeaderName;

use crate::auth::login_guard::LoginLimits;
use crate::connectors::Connectors;
use crate::db::Db;
use crate::{csp, static_files};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark the session cookie `Secure`; on when served over HTTPS.
    pub secure_cookies: bool,
    /// The built web app, if `index.html` was found there at start-up.
    pub dist: Option<PathBuf>,
    /// The entries' HTML pages found in `dist` at start-up, index.html first: deep links are
    /// answered by these alone, since the CSP names the inline scripts of these alone.
    pub pages: Vec<&'static str>,
    /// The full Content-Security-Policy value, including the hashes of the pages' inline scripts.
    pub content_security_policy: String,
    /// How long after resolution a merchant may still ask for a follow-up.
    pub follow_up: chrono::TimeDelta,
    /// The app's address as its users reach it, without a trailing `/`: links in mail start so.
    pub public_url: String,
    /// The log-in's rate limits and when it asks for a code.
    pub login: LoginLimits,
    /// The header a trusted reverse proxy writes the client's address in; without one, the
    /// peer's address is the client's.
    pub client_ip_header: Option<HeaderName>,
    /// Where the operators of merchants' connector credentials are (none: every check answers
    /// « unreachable »).
    pub connectors: Connectors,
}

impl Settings {
    /// Reads the built pages once: their inline scripts decide the CSP for the server's lifetime.
    pub fn new(dist: impl Into<PathBuf>, secure_cookies: bool) -> Self {
        let dist = dist.into();
        let mut pages = Vec::new();
        let mut hashes = Vec::new();
        for page in static_files::pages() {
            let Ok(html) = std::fs::read_to_string(dist.join(page)) else {
                continue;
            };
            pages.push(page);
            for hash in csp::inline_script_hashes(&html) {
                if !hashes.contains(&hash) {
                    hashes.push(hash);
                }
            }
        }
        let built = pages.first() == Some(&static_files::INDEX);
        Self {
            secure_cookies,
            dist: built.then_some(dist),
            pages,
            content_security_policy: csp::content_security_policy(&hashes),
            follow_up: chrono::TimeDelta::days(crate::config::DEFAULT_FOLLOW_UP_DAYS.into()),
            public_url: crate::config::DEFAULT_PUBLIC_URL.to_owned(),
            login: LoginLimits::default(),
            client_ip_header: None,
            connectors: Connectors::none(crate::config::DEFAULT_CONNECTOR_TIMEOUT),
        }
    }
}

impl Settings {
    /// How long after resolution a merchant may reopen a ticket.
    pub fn with_follow_up_days(mut self, days: u32) -> Self {
        self.follow_up = chrono::TimeDelta::days(days.into());
        self
    }

    /// Where users reach the app, for links in mail (`Config::public_url`).
    pub fn with_public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = url.into();
        self
    }

    /// Where the connector operators are (`Connectors::from_config`).
    pub fn with_connectors(mut self, connectors: Connectors) -> Self {
        self.connectors = connectors;
        self
    }

    /// The log-in's limits, and where to read the client's address behind a proxy.
    pub fn with_login(mut self, limits: LoginLimits, client_ip_header: Option<HeaderName>) -> Self {
        self.login = limits;
        self.client_ip_header = client_ip_header;
        self
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        Self {
            db,
            settings: Arc::new(settings),
        }
    }
}
