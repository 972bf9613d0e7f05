//! The `/api/v1` router: one file per area, each handler naming the permission it needs.

pub mod api_keys;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod balances;
pub mod connectors;
pub mod desk;
pub mod health;
pub mod invoices;
pub mod me;
pub mod payouts;
pub mod purchases;
pub mod refunds;
pub mod reports;
pub mod roles;
pub mod ticket_actions;
pub mod tickets;
pub mod users;

use axum::http::Method;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;
use guichet_domain::paths;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::request_body::{self, BodyLimit};
use crate::state::AppState;
use crate::{idempotency, openapi};

/// Every operation of the contract, listed once: the router serves them, the OpenAPI document
/// describes them (`openapi::document`), and the permission-matrix test reads that document.
/// Each handler's `#[utoipa::path]` says its method, path and the permissions that grant it.
/// Paths are relative: the caller nests them under `paths::PREFIX`.
pub fn operations() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(health::health))
        .routes(routes!(openapi::serve))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::ask_password_reset))
        .routes(routes!(auth::reset_password))
        .routes(routes!(me::me))
        .routes(routes!(me::session_state))
        .routes(routes!(me::change_password))
        .routes(routes!(me::set_language))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::set_roles))
        .routes(routes!(users::deactivate))
        .routes(routes!(users::reactivate))
        .routes(routes!(roles::list))
        .routes(routes!(audit::list))
        .routes(routes!(tickets::list, tickets::create))
        .routes(routes!(tickets::fields))
        .routes(routes!(tickets::unread))
        .routes(routes!(tickets::get))
        .routes(routes!(ticket_actions::add_message))
        .routes(routes!(ticket_actions::triage))
        .routes(routes!(ticket_actions::assign))
        .routes(routes!(ticket_actions::set_status))
        .routes(routes!(ticket_actions::rate))
        .routes(routes!(ticket_actions::follow_up))
        .routes(routes!(attachments::upload))
        .routes(routes!(attachments::download))
        .routes(routes!(desk::agents))
        .routes(routes!(desk::merchants))
        .routes(routes!(desk::stats))
        .routes(routes!(desk::outbox_list))
        .routes(routes!(purchases::list))
        .routes(routes!(purchases::export))
        .routes(routes!(purchases::get))
        .routes(routes!(refunds::create))
        .routes(routes!(refunds::list))
        .routes(routes!(refunds::to_decide))
        .routes(routes!(refunds::get))
        .routes(routes!(refunds::approve))
        .routes(routes!(refunds::reject))
        .routes(routes!(refunds::retry))
        .routes(routes!(balances::balances))
        .routes(routes!(balances::list))
        .routes(routes!(balances::get))
        .routes(routes!(reports::transactions))
        .routes(routes!(reports::reconciliation))
        .routes(routes!(invoices::list))
        .routes(routes!(invoices::get))
        .routes(routes!(invoices::download))
        .routes(routes!(payouts::accounts, payouts::create_account))
        .routes(routes!(payouts::approve_account))
        .routes(routes!(payouts::reject_account))
        .routes(routes!(payouts::list, payouts::create))
        .routes(routes!(payouts::available_balance))
        .routes(routes!(payouts::get))
        .routes(routes!(payouts::approve))
        .routes(routes!(payouts::reject))
        .routes(routes!(payouts::cancel))
        .routes(routes!(api_keys::list, api_keys::create))
        .routes(routes!(api_keys::current))
        .routes(routes!(api_keys::fingerprints))
        .routes(routes!(connectors::operators))
        .routes(routes!(connectors::check))
        .routes(routes!(api_keys::roll))
        .routes(routes!(api_keys::revoke))
}

/// The largest body each operation reads, by method and path (relative to the prefix): the
/// JSON default, or an operation's own. `request_body::limit` enforces it, idempotency buffers
/// up to it, the OpenAPI document states it.
pub fn body_limit(method: &Method, path: &str) -> BodyLimit {
    match (method, path) {
        (&Method::POST, paths::ATTACHMENTS) => attachments::BODY_LIMIT,
        _ => BodyLimit::JSON,
    }
}

/// The `/api/v1` router, relative to the prefix: the operations, with what every route shares.
pub fn router(state: AppState) -> Router {
    let (router, _) = operations().split_for_parts();
    router
        // Route layers run once the path and method found an operation, so a wrong method is
        // 405 whatever its headers. They must come before the 405 fallback: that fallback
        // replaces each route's default one, which a route layer would otherwise wrap.
        .route_layer(from_fn_with_state(state.clone(), idempotency::layer))
        // The last layer added runs first: the body is limited before idempotency reads it.
        .route_layer(from_fn(request_body::limit))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Runs before routing, so the session is known before idempotency needs its owner.
        .layer(from_fn_with_state(state.clone(), crate::auth::layer::layer))
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::not_found()
}

async fn method_not_allowed() -> AppError {
    AppError::method_not_allowed()
}
