//! Runs before every API handler: finds the session, then enforces the two rules that hold for
//! every route alike (CSRF on mutations, and the forced password change).

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use guichet_domain::paths;

use super::{csrf, session};
use crate::error::AppError;
use crate::state::AppState;

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let session = match session::of_request(&state.db, request.headers()).await {
        Ok(Some(s)) => s,
        // No cookie, or a stale one: the handler answers 401 if it needs a session.
        Ok(None) => return next.run(request).await,
        Err(e) => return e.into_response(),
    };
    let method = request.method();
    // Paths here are relative to /api/v1: this layer sits inside the nested API router.
    let path = request.uri().path();
    // Log-in needs no token: it replaces whatever session the browser had; neither do the
    // password-reset steps, which act on no session (the mailed token is their proof).
    if csrf::is_mutating(method)
        && !SESSIONLESS.contains(&path)
        && !csrf::header_matches(request.headers(), &session.csrf_token)
    {
        return AppError::csrf_failed().into_response();
    }
    if session.user.must_change_password && !allowed_before_password_change(method, path) {
        return AppError::password_change_required().into_response();
    }
    request.extensions_mut().insert(session);
    next.run(request).await
}

/// Mutations that work without a session, and so need no CSRF token when one exists.
const SESSIONLESS: [&str; 3] = [
    paths::LOGIN,
    paths::PASSWORD_RESET,
    paths::PASSWORD_RESET_CONFIRM,
];

fn allowed_before_password_change(method: &Method, path: &str) -> bool {
    matches!(
        (method, path),
        (
            &Method::GET,
            paths::ME | paths::SESSION | paths::HEALTH | paths::OPENAPI
        ) | (
            &Method::POST,
            paths::ME_PASSWORD
                | paths::LOGOUT
                | paths::LOGIN
                | paths::PASSWORD_RESET
                | paths::PASSWORD_RESET_CONFIRM
        ) | (&Method::PUT, paths::ME_LANGUAGE)
    )
}
