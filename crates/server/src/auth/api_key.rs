//! The merchant API's callers: `Authorization: Bearer <key>`, one of the merchant's API keys,
//! beside the console's session cookies. A key speaks for its organisation with exactly the
//! permissions it was given; the routes that take one name the permission they need. Routes
//! that people and code may both call take a [`Caller`].

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use guichet_domain::developers::ApiScope;
use guichet_domain::{OrgId, Permission};

use super::Session;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::api_keys::{self, KeyHolder};
use crate::time;

/// The key a request presents, found working. As an extractor it answers 401 for no key or
/// one that does not work (unknown, revoked, expired), the same for all.
#[derive(Debug, Clone)]
pub struct KeyCaller(pub KeyHolder);

impl KeyCaller {
    /// 403 naming `scope` when the key was not given it.
    pub fn require(&self, scope: ApiScope) -> Result<(), AppError> {
        if self.0.scopes.contains(&scope) {
            Ok(())
        } else {
            Err(AppError::missing_scope(scope))
        }
    }
}

/// Who calls a route that people (by session) and the merchant's code (by API key) may both
/// call: a request with `Authorization: Bearer` is its key's, whatever cookie it carries.
#[derive(Clone)]
pub enum Caller {
    Person(Session),
    Code(KeyCaller),
}

impl Caller {
    pub fn org_id(&self) -> &OrgId {
        match self {
            Caller::Person(session) => &session.org_id,
            Caller::Code(key) => &key.0.org_id,
        }
    }

    /// A person needs `permission`, a key `scope`.
    pub fn require(&self, permission: Permission, scope: ApiScope) -> Result<(), AppError> {
        match self {
            Caller::Person(session) => session.require(permission),
            Caller::Code(key) => key.require(scope),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        if parts.headers.contains_key(header::AUTHORIZATION) {
            KeyCaller::from_request_parts(parts, state)
                .await
                .map(Caller::Code)
        } else {
            Session::from_request_parts(parts, state)
                .await
                .map(Caller::Person)
        }
    }
}

/// The secret of `Authorization: Bearer <secret>`, if the request has one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !secret.is_empty()).then_some(secret)
}

impl FromRequestParts<AppState> for KeyCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let secret = bearer(&parts.headers).ok_or_else(AppError::invalid_api_key)?;
        let mut conn = state.db.acquire().await?;
        api_keys::authenticate(&mut conn, secret, time::now())
            .await?
            .map(KeyCaller)
            .ok_or_else(AppError::invalid_api_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_follows_bearer() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(header::AUTHORIZATION, "Bearer stest_abc".parse().unwrap());
        assert_eq!(bearer(&headers), Some("stest_abc"));
        headers.insert(header::AUTHORIZATION, "bearer  stest_abc ".parse().unwrap());
        assert_eq!(bearer(&headers), Some("stest_abc"));
        headers.insert(header::AUTHORIZATION, "Basic dXNlcjpwYXNz".parse().unwrap());
        assert_eq!(bearer(&headers), None);
        headers.insert(header::AUTHORIZATION, "Bearer ".parse().unwrap());
        assert_eq!(bearer(&headers), None);
    }
}
