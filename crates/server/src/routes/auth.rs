use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use guichet_domain::api::{LoginRequest, Me};
use guichet_domain::paths;
use serde_json::json;

use crate::auth::{lockout, password, session, Session};
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::Json;
use crate::routes::me;
use crate::state::AppState;
use crate::store::audit::{self, Actor};
use crate::store::users;
use crate::time;

/// Signs in and sets the `guichet_session` cookie (HttpOnly, SameSite=Strict, 12 hours).
///
/// An unknown e-mail, a wrong password and a deactivated account all get the same 401. Ten
/// failures for an e-mail lock it for 15 minutes (429), whether or not the account exists.
#[utoipa::path(post, path = paths::LOGIN, operation_id = "login", tag = "session",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the cookie is set.", body = Me,
            headers(("set-cookie" = String, description = "guichet_session=…; HttpOnly; SameSite=Strict; Path=/"))),
        (status = 401, description = "`invalid_credentials`", body = guichet_domain::ApiErrorBody),
        (status = 429, description = "`account_locked`", body = guichet_domain::ApiErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    Json(req): Json<LoginRequest>,
) -> ApiResult<Response> {
    let email = users::normalise_email(&req.email);
    let now = time::now();
    let record = {
        let mut conn = state.db.acquire().await?;
        if lockout::is_locked(&mut conn, &email, now).await? {
            return Err(AppError::account_locked());
        }
        users::find_by_email(&mut conn, &email).await?
    };
    // Verify even for an unknown e-mail, so timing does not reveal which accounts exist.
    let password_ok = password::verify(
        req.password,
        record.as_ref().map(|r| r.password_hash.clone()),
    )
    .await?;
    let mut tx = db::begin_write(&state.db).await?;
    let record = match record {
        Some(r) if password_ok && r.user.active => r,
        _ => {
            lockout::record_failure(&mut tx, &email, now).await?;
            tx.commit().await?;
            return Err(AppError::invalid_credentials());
        }
    };
    lockout::reset(&mut tx, &email).await?;
    let new = session::create(&mut tx, &record.user.id, now).await?;
    users::record_login(&mut tx, &record.user.id, now).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &record.org_id,
            actor: Actor {
                id: Some(&record.user.id),
                email: Some(&record.user.email),
            },
            action: "session.login",
            target: Some(&record.user.email),
            details: json!({}),
        },
    )
    .await?;
    let mut user = record.user;
    user.last_login_at = Some(now);
    let me = me::build(&mut tx, user, &record.org_id, new.csrf_token).await?;
    tx.commit().await?;
    let cookie = session::set_cookie(&new.token, state.settings.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], axum::Json(me)).into_response())
}

/// Signs out: ends the session and clears the cookie. Answers 204 even without a session, so a
/// stale tab can always sign out.
#[utoipa::path(post, path = paths::LOGOUT, operation_id = "logout", tag = "session",
    responses((status = 204, description = "Signed out; the cookie is cleared.")),
    security(("session" = [])))]
pub async fn logout(
    State(state): State<AppState>,
    session: Option<Session>,
) -> ApiResult<Response> {
    if let Some(s) = session {
        let mut tx = db::begin_write(&state.db).await?;
        session::delete(&mut tx, &s.token_hash).await?;
        audit::record(
            &mut tx,
            audit::NewEntry {
                org_id: &s.org_id,
                actor: s.actor(),
                action: "session.logout",
                target: Some(&s.user.email),
                details: json!({}),
            },
        )
        .await?;
        tx.commit().await?;
    }
    let cookie = session::clear_cookie(state.settings.secure_cookies);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}
