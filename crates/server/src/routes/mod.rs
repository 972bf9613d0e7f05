//! The `/api/v1` router: one file per area, each handler naming the permission it needs.

pub mod audit;
pub mod auth;
pub mod health;
pub mod me;
pub mod roles;
pub mod users;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, put};
use axum::Router;
use guichet_domain::paths;

use crate::error::AppError;
use crate::state::AppState;
use crate::{idempotency, openapi};

/// Paths are relative: the caller nests this under `paths::PREFIX`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(paths::HEALTH, get(health::health))
        .route(paths::OPENAPI, get(openapi::serve))
        .route(paths::LOGIN, post(auth::login))
        .route(paths::LOGOUT, post(auth::logout))
        .route(paths::ME, get(me::me))
        .route(paths::SESSION, get(me::session_state))
        .route(paths::ME_PASSWORD, post(me::change_password))
        .route(paths::USERS, get(users::list).post(users::create))
        .route(&paths::user_roles("{id}"), put(users::set_roles))
        .route(&paths::user_deactivate("{id}"), post(users::deactivate))
        .route(&paths::user_reactivate("{id}"), post(users::reactivate))
        .route(paths::ROLES, get(roles::list))
        .route(paths::AUDIT, get(audit::list))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // The last layer added runs first: the session is known before idempotency needs its owner.
        .layer(from_fn_with_state(state.clone(), idempotency::layer))
        .layer(from_fn_with_state(state.clone(), crate::auth::layer::layer))
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::not_found()
}

async fn method_not_allowed() -> AppError {
    AppError::method_not_allowed()
}
