//! What every handler may reach: the database and the settings fixed at start-up.

use std::path::PathBuf;
use std::sync::Arc;

use crate::csp;
use crate::db::Db;

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
    /// The full Content-Security-Policy value, including the hashes of index.html's inline scripts.
    pub content_security_policy: String,
    /// How long after resolution a merchant may still ask for a follow-up.
    pub follow_up: chrono::TimeDelta,
}

impl Settings {
    /// Reads `dist/index.html` once: its inline scripts decide the CSP for the server's lifetime.
    pub fn new(dist: impl Into<PathBuf>, secure_cookies: bool) -> Self {
        let dist = dist.into();
        let index = std::fs::read_to_string(dist.join("index.html")).ok();
        let hashes = index
            .as_deref()
            .map(csp::inline_script_hashes)
            .unwrap_or_default();
        Self {
            secure_cookies,
            dist: index.is_some().then_some(dist),
            content_security_policy: csp::content_security_policy(&hashes),
            follow_up: chrono::TimeDelta::days(crate::config::DEFAULT_FOLLOW_UP_DAYS.into()),
        }
    }
}

impl Settings {
    /// How long after resolution a merchant may reopen a ticket.
    pub fn with_follow_up_days(mut self, days: u32) -> Self {
        self.follow_up = chrono::TimeDelta::days(days.into());
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
