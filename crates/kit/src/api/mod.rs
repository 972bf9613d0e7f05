//! The typed REST client of `/api/v1`: one function per endpoint, no Leptos types, and the only
//! module that speaks HTTP.

pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod balances;
mod error;
mod http;
mod idempotency;
pub mod payments;
pub mod payouts;
pub mod reports;
pub mod roles;
pub mod tickets;
pub mod users;

pub use error::ApiError;
pub use http::{
    api_base, normalise_base, set_csrf_token, set_unauthorized_hook, API_BASE_META,
    DEFAULT_API_BASE,
};
pub use idempotency::{Attempt, IdempotencyKey};
