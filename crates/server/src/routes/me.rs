use axum::extract::State;
use axum::http::StatusCode;
use guichet_domain::api::{ChangePasswordRequest, Me, SessionState, SetLanguageRequest, User};
use guichet_domain::error::add_field_error;
use guichet_domain::paths;
use guichet_domain::roles::permissions_of;
use guichet_domain::OrgId;
use serde_json::json;

use crate::auth::{password, session, Session};
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::Json;
use crate::state::AppState;
use crate::store::{audit, orgs, users, Conn};
use guichet_domain::messages;

pub async fn build(
    conn: &mut Conn,
    user: User,
    org_id: &OrgId,
    csrf_token: String,
) -> ApiResult<Me> {
    let organisation = orgs::get(conn, org_id).await?;
    Ok(Me {
        permissions: permissions_of(&user.roles),
        user,
        organisation,
        csrf_token,
    })
}

/// Who is signed in, their organisation and permissions, and the CSRF token to echo in
/// `X-CSRF-Token` on every mutation.
#[utoipa::path(get, path = paths::ME, operation_id = "get_me", tag = "session",
    responses((status = 200, description = "The signed-in user.", body = Me)),
    security(("session" = [])))]
pub async fn me(State(state): State<AppState>, session: Session) -> ApiResult<axum::Json<Me>> {
    let mut conn = state.db.acquire().await?;
    let me = build(&mut conn, session.user, &session.org_id, session.csrf_token).await?;
    Ok(axum::Json(me))
}

/// Whether anyone is signed in, and if so the same answer as `GET /me`; never 401.
#[utoipa::path(get, path = paths::SESSION, operation_id = "get_session", tag = "session",
    responses((status = 200, description = "`me` is null when signed out.", body = SessionState)))]
pub async fn session_state(
    State(state): State<AppState>,
    session: Option<Session>,
) -> ApiResult<axum::Json<SessionState>> {
    let me = match session {
        Some(s) => {
            let mut conn = state.db.acquire().await?;
            Some(build(&mut conn, s.user, &s.org_id, s.csrf_token).await?)
        }
        None => None,
    };
    Ok(axum::Json(SessionState { me }))
}

/// Records the language of the caller's interface, which the server writes their mail in. The
/// app sends it on signing in and on each language switch, so it is allowed before a one-time
/// password is replaced.
///
/// Field errors: `language`: `error.required`, `error.invalid` (not `en` or `fr`).
#[utoipa::path(put, path = paths::ME_LANGUAGE, operation_id = "set_language", tag = "session",
    request_body = SetLanguageRequest,
    responses((status = 204, description = "Recorded; the next mail to the caller is in it.")),
    security(("session" = [])))]
pub async fn set_language(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<SetLanguageRequest>,
) -> ApiResult<StatusCode> {
    let mut conn = state.db.acquire().await?;
    users::set_language(&mut conn, &session.user.id, req.language).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replaces the caller's password (and a one-time password, which must be replaced before
/// anything else). Ends the caller's other sessions.
///
/// Field errors: `current_password`: `error.password_incorrect`; `new_password`:
/// `error.password_short`, `error.password_unchanged`.
#[utoipa::path(post, path = paths::ME_PASSWORD, operation_id = "change_password", tag = "session",
    request_body = ChangePasswordRequest,
    responses((status = 204, description = "Password changed.")),
    security(("session" = [])))]
pub async fn change_password(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    let stored = {
        let mut conn = state.db.acquire().await?;
        users::find(&mut conn, &session.user.id)
            .await?
            .ok_or_else(AppError::unauthenticated)?
            .password_hash
    };
    let current_ok = password::verify(req.current_password.clone(), Some(stored)).await?;
    let parsed = req.parse();
    let mut fields = parsed.as_ref().err().cloned().unwrap_or_default();
    if !current_ok && !fields.contains_key("current_password") {
        add_field_error(
            &mut fields,
            "current_password",
            messages::PASSWORD_INCORRECT,
        );
    }
    let new_password = match parsed {
        Ok(new) if fields.is_empty() => new,
        _ => return Err(AppError::validation(fields)),
    };
    let hash = password::hash(new_password.into_inner()).await?;
    let mut tx = db::begin_write(&state.db).await?;
    users::set_password(&mut tx, &session.user.id, &hash).await?;
    session::revoke_all(&mut tx, &session.user.id, Some(&session.token_hash)).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: "user.password_changed",
            target: Some(&session.user.email),
            details: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
