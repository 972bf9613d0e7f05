//! The `/api/v1` router: one file per area, each handler naming the permission it needs.

pub mod attachments;
pub mod audit;
pub mod auth;
pub mod desk;
pub mod health;
pub mod me;
pub mod roles;
pub mod ticket_actions;
pub mod tickets;
pub mod users;

use axum::extract::DefaultBodyLimit;
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
        .route(paths::TICKETS, get(tickets::list).post(tickets::create))
        .route(paths::TICKET_FIELDS, get(tickets::fields))
        .route(&paths::ticket("{id}"), get(tickets::get))
        .route(
            &paths::ticket_action("{id}", "messages"),
            post(ticket_actions::add_message),
        )
        .route(
            &paths::ticket_action("{id}", "triage"),
            post(ticket_actions::triage),
        )
        .route(
            &paths::ticket_action("{id}", "assign"),
            post(ticket_actions::assign),
        )
        .route(
            &paths::ticket_action("{id}", "status"),
            post(ticket_actions::set_status),
        )
        .route(
            &paths::ticket_action("{id}", "feedback"),
            post(ticket_actions::rate),
        )
        .route(
            &paths::ticket_action("{id}", "follow-up"),
            post(ticket_actions::follow_up),
        )
        .route(
            paths::ATTACHMENTS,
            post(attachments::upload).layer(DefaultBodyLimit::max(attachments::BODY_LIMIT)),
        )
        .route(&paths::attachment("{id}"), get(attachments::download))
        .route(paths::DESK_AGENTS, get(desk::agents))
        .route(paths::DESK_MERCHANTS, get(desk::merchants))
        .route(paths::DESK_STATS, get(desk::stats))
        .route(paths::DESK_OUTBOX, get(desk::outbox_list))
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
