//! The paths of `/api/v1`, relative to the API base; the server routes on the same strings.

pub const PREFIX: &str = "/api/v1";

pub const LOGIN: &str = "/auth/login";
pub const LOGOUT: &str = "/auth/logout";
pub const ME: &str = "/me";
pub const SESSION: &str = "/session";
pub const ME_PASSWORD: &str = "/me/password";
pub const USERS: &str = "/users";
pub const ROLES: &str = "/roles";
pub const AUDIT: &str = "/audit";
pub const HEALTH: &str = "/health";
pub const OPENAPI: &str = "/openapi.json";

pub fn user_roles(id: &str) -> String {
    format!("/users/{id}/roles")
}

pub fn user_deactivate(id: &str) -> String {
    format!("/users/{id}/deactivate")
}

pub fn user_reactivate(id: &str) -> String {
    format!("/users/{id}/reactivate")
}

/// Header names of the contract.
pub mod headers {
    pub const REQUEST_ID: &str = "x-request-id";
    pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
    pub const CSRF_TOKEN: &str = "x-csrf-token";
    /// Set on a response replayed from an earlier request with the same Idempotency-Key.
    pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
}
