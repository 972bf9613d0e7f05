//! Guichet's reference REST server: the `/api/v1` contract over SQLite, and the built web app.
//!
//! [`app`] builds the whole service without a socket, so tests drive it with `oneshot`.

pub mod auth;
pub mod config;
pub mod connectors;
pub mod csp;
pub mod csv_file;
pub mod db;
pub mod demo;
mod digest;
pub mod error;
mod extract;
mod headers;
pub mod idempotency;
mod mail_texts;
pub mod mailer;
pub mod openapi;
pub mod operator;
pub mod payout_runner;
pub mod refund_runner;
pub mod request_body;
pub mod request_id;
mod routes;
mod scrub;
pub mod sealed;
pub mod serve;
pub mod settlement_runner;
pub mod state;
mod static_files;
pub mod store;
mod time;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;
use guichet_domain::paths;
use tower_http::compression::CompressionLayer;

pub use state::{AppState, Settings};

pub fn app(state: AppState) -> Router {
    Router::new()
        // Only the API is compressed as it answers: the app's files were compressed at build
        // time and are sent as they are (static_files).
        .nest(
            paths::PREFIX,
            routes::router(state.clone()).layer(CompressionLayer::new()),
        )
        .fallback_service(static_files::service(&state))
        .layer(from_fn_with_state(state, headers::layer))
        // Outermost, so that every response, even one refused by an inner layer, has its id.
        .layer(from_fn(request_id::layer))
}

/// Start-up housekeeping: expired sessions, password-reset links and idempotency keys are only
/// ever read to be refused.
pub async fn purge_expired(db: &db::Db) -> Result<(), error::AppError> {
    let mut conn = db.acquire().await?;
    auth::session::purge_expired(&mut conn).await?;
    auth::password_reset::purge_expired(&mut conn, time::now()).await?;
    auth::rate_limit::purge_expired(&mut conn, time::now()).await?;
    store::jobs::purge_done(&mut conn, time::now()).await?;
    idempotency::purge_expired(db).await
}
