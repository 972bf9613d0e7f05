use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use guichet_domain::api::{LoginRequest, Me, PasswordResetConfirm, PasswordResetRequest};
use guichet_domain::{entries, messages, paths};
use serde_json::json;

use crate::auth::client::ClientAddress;
use crate::auth::login_guard::{self, Admission, CodeCheck};
use crate::auth::rate_limit::{self, Rate};
use crate::auth::{password, password_reset, session, Session};
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::Json;
use crate::mail_texts;
use crate::routes::me;
use crate::state::AppState;
use crate::store::audit::{self, Actor};
use crate::store::users::{self, UserRecord};
use crate::store::{outbox, Conn};
use crate::time;
use chrono::{DateTime, Utc};

/// Signs in and sets the `guichet_session` cookie (HttpOnly, SameSite=Strict, 12 hours).
///
/// An unknown e-mail, a wrong password, a wrong code and a deactivated account all get the same
/// 401. Attempts are rate-limited for everyone, per client address and per account and client
/// (429 `rate_limited`, with `Retry-After`). After ten failures for an e-mail within 15 minutes,
/// whether or not the account exists, a log-in also needs the code then e-mailed to the
/// account's owner (401 `login_code_required`): nobody is locked out.
#[utoipa::path(post, path = paths::LOGIN, operation_id = "login", tag = "session",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the cookie is set.", body = Me,
            headers(("set-cookie" = String, description = "guichet_session=…; HttpOnly; SameSite=Strict; Path=/"))),
        (status = 401, description = "`invalid_credentials`, or `login_code_required`: send the code e-mailed to the owner with the password", body = guichet_domain::ApiErrorBody),
        (status = 429, description = "`rate_limited`: too many attempts; `retry_after` says how many seconds to wait", body = guichet_domain::ApiErrorBody,
            headers(("retry-after" = u64, description = "Seconds to wait"))),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Json(req): Json<LoginRequest>,
) -> ApiResult<Response> {
    let email = users::normalise_email(&req.email);
    let now = time::now();
    // Charged and counted before the password is checked, in one transaction: parallel guesses
    // each see the ones before them.
    let mut tx = db::begin_write(&state.db).await?;
    let admission =
        login_guard::admit(&mut tx, &state.settings.login, &email, &client, now).await?;
    let record = users::find_by_email(&mut tx, &email).await?;
    if admission == Admission::PasswordAndCode {
        let check = match req.code.as_deref() {
            Some(code) => login_guard::check_code(&mut tx, &email, code, now).await?,
            None => CodeCheck::NoneActive,
        };
        if check != CodeCheck::Valid {
            if check == CodeCheck::NoneActive {
                send_code(&mut tx, &email, record.as_ref(), now).await?;
            }
            tx.commit().await?;
            return Err(if check == CodeCheck::Wrong {
                AppError::invalid_credentials()
            } else {
                AppError::login_code_required()
            });
        }
    }
    tx.commit().await?;
    // Verify even for an unknown e-mail, so timing does not reveal which accounts exist.
    let password_ok = password::verify(
        req.password,
        record.as_ref().map(|r| r.password_hash.clone()),
    )
    .await?;
    let record = match record {
        Some(r) if password_ok && r.user.active => r,
        _ => return Err(AppError::invalid_credentials()),
    };
    let mut tx = db::begin_write(&state.db).await?;
    login_guard::succeeded(&mut tx, &state.settings.login, &email, &client, now).await?;
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

/// Mails a new code to an active account's owner, unless one is still alive. An unknown or
/// deactivated address gets the same answer and no mail.
async fn send_code(
    conn: &mut Conn,
    email: &str,
    record: Option<&UserRecord>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let Some((user, org_id)) = record
        .filter(|r| r.user.active)
        .map(|r| (&r.user, &r.org_id))
    else {
        return Ok(());
    };
    if let Some(code) = login_guard::issue_code(conn, email, now).await? {
        let minutes = login_guard::failure_window().num_minutes();
        let mail = mail_texts::login_code(user.language, &code, minutes);
        outbox::push(
            conn,
            &outbox::NewMail {
                org_id,
                kind: None,
                ticket_id: None,
                to: &user.email,
                subject: &mail.subject,
                body: &mail.body,
            },
        )
        .await?;
    }
    Ok(())
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

/// How many reset links one address may get: three at once, then one every ten minutes.
const RESET_MAILS: Rate = Rate {
    burst: 3,
    every: std::time::Duration::from_secs(600),
};

/// « Forgot your password? »: mails the account's owner a link to choose a new password (it
/// works once, for 30 minutes). The answer is the same 202 whether or not the address has an
/// active account, so nobody learns which do; an address gets at most three links at once,
/// then one every ten minutes. Requests are rate-limited per client address (429
/// `rate_limited`).
///
/// Field errors: `email`: `error.required`, `error.email`.
#[utoipa::path(post, path = paths::PASSWORD_RESET, operation_id = "ask_password_reset", tag = "session",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an active account, a link is on its way."),
        (status = 429, description = "`rate_limited`: too many requests from this client", body = guichet_domain::ApiErrorBody,
            headers(("retry-after" = u64, description = "Seconds to wait"))),
    ))]
pub async fn ask_password_reset(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Json(req): Json<PasswordResetRequest>,
) -> ApiResult<StatusCode> {
    let email = users::normalise_email(req.parse().map_err(AppError::validation)?.as_str());
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    rate_limit::charge(
        &mut tx,
        &format!("reset:client:{client}"),
        state.settings.login.per_client,
        now,
    )
    .await?
    .map_err(AppError::rate_limited)?;
    let record = users::find_by_email(&mut tx, &email)
        .await?
        .filter(|r| r.user.active);
    let allowed = rate_limit::charge(&mut tx, &format!("reset:account:{email}"), RESET_MAILS, now)
        .await?
        .is_ok();
    if let (Some(record), true) = (record, allowed) {
        let token = password_reset::issue(&mut tx, &record.user.id, now).await?;
        let link = format!(
            "{}{}#{}={token}",
            state.settings.public_url,
            entries::RESET_PATH,
            entries::RESET_TOKEN
        );
        let minutes = password_reset::lifetime().num_minutes();
        let mail = mail_texts::password_reset(record.user.language, &link, minutes);
        outbox::push(
            &mut tx,
            &outbox::NewMail {
                org_id: &record.org_id,
                kind: None,
                ticket_id: None,
                to: &record.user.email,
                subject: &mail.subject,
                body: &mail.body,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            audit::NewEntry {
                org_id: &record.org_id,
                actor: Actor::default(),
                action: "user.password_reset_asked",
                target: Some(&record.user.email),
                details: json!({ "client": client }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sets a new password with the token of an e-mailed link, which it spends (with every other
/// link of the account). Every session of the account ends; the user then signs in with the
/// new password.
///
/// Field errors: `token`: `error.reset_link` (unknown, expired or already used: ask for a new
/// link); `new_password`: `error.password_short`.
#[utoipa::path(post, path = paths::PASSWORD_RESET_CONFIRM, operation_id = "reset_password", tag = "session",
    request_body = PasswordResetConfirm,
    responses((status = 204, description = "The password is changed.")))]
pub async fn reset_password(
    State(state): State<AppState>,
    Json(req): Json<PasswordResetConfirm>,
) -> ApiResult<StatusCode> {
    let new_password = req.parse().map_err(AppError::validation)?;
    let hash = password::hash(new_password.into_inner()).await?;
    let now = time::now();
    let mut tx = db::begin_write(&state.db).await?;
    let user = match password_reset::spend(&mut tx, &req.token, now).await? {
        Some(id) => users::find(&mut tx, &id).await?.filter(|r| r.user.active),
        None => None,
    }
    .ok_or_else(|| AppError::field("token", messages::RESET_LINK))?;
    users::set_password(&mut tx, &user.user.id, &hash).await?;
    session::revoke_all(&mut tx, &user.user.id, None).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &user.org_id,
            actor: Actor {
                id: Some(&user.user.id),
                email: Some(&user.user.email),
            },
            action: "user.password_reset",
            target: Some(&user.user.email),
            details: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
