use axum::extract::State;
use axum::http::StatusCode;
use guichet_domain::api::{CreateUserRequest, CreatedUser, SetRolesRequest, User};
use guichet_domain::UserId;
use guichet_domain::{paths, Permission, Role};
use serde_json::json;

use crate::auth::{password, session, Session};
use crate::db;
use crate::error::{ApiResult, AppError};
use crate::extract::{ApiPath, Json};
use crate::scrub::scrub;
use crate::state::AppState;
use crate::store::users::{self, UserRecord};
use crate::store::{audit, Conn};
use guichet_domain::messages;

/// The users of the caller's organisation. Permission: `users.read`.
#[utoipa::path(get, path = paths::USERS, operation_id = "list_users", tag = "users",
    responses((status = 200, description = "Users, by name.", body = Vec<User>)),
    security(("session" = ["users.read"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<User>>> {
    session.require(Permission::UsersRead)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(
        users::list_in_org(&mut conn, &session.org_id).await?,
    ))
}

/// Creates a user in the caller's organisation with a one-time password, shown once; the user
/// must replace it at first sign-in. Permission: `users.manage`.
///
/// Field errors: `email`: `error.required`, `error.email`, `error.email_taken`; `name`:
/// `error.required`, `error.too_long`; `roles`: `error.roles_empty`, `error.roles_invalid`.
#[utoipa::path(post, path = paths::USERS, operation_id = "create_user", tag = "users",
    request_body = CreateUserRequest,
    responses((status = 201, description = "Created.", body = CreatedUser)),
    security(("session" = ["users.manage"])))]
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<CreateUserRequest>,
) -> ApiResult<(StatusCode, axum::Json<CreatedUser>)> {
    session.require(Permission::UsersManage)?;
    let new = req.parse(session.org_kind).map_err(AppError::validation)?;

    let one_time_password = password::one_time_password();
    let hash = password::hash(one_time_password.clone()).await?;
    // The name is shown on tickets, to the desk and in mail: a secret pasted into it is
    // redacted as in any ticket text. Not the address: it signs in and receives mail exactly as
    // typed, and a redacted one would be an account nobody can reach.
    let name = scrub(new.name.as_str());
    let mut tx = db::begin_write(&state.db).await?;
    if users::find_by_email(&mut tx, new.email.as_str())
        .await?
        .is_some()
    {
        return Err(email_taken());
    }
    let row = users::NewUser {
        org_id: &session.org_id,
        email: new.email.as_str(),
        name: &name.text,
        password_hash: &hash,
        roles: new.roles.as_slice(),
        must_change_password: true,
    };
    let id = users::insert(&mut tx, &row).await.map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => email_taken(),
        other => other.into(),
    })?;
    let user = users::find(&mut tx, &id)
        .await?
        .ok_or_else(|| AppError::internal("created user vanished"))?
        .user;
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: "user.created",
            target: Some(&user.email),
            details: json!({
                "user_id": user.id,
                "name": user.name,
                "roles": user.roles,
                "server_findings": name.findings,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CreatedUser {
            user,
            one_time_password,
        }),
    ))
}

fn email_taken() -> AppError {
    AppError::field("email", messages::EMAIL_TAKEN)
}

/// Replaces a user's roles. Permission: `users.manage`. 409 if the organisation would be left
/// without an active administrator.
///
/// Field errors: `roles`: `error.roles_empty`, `error.roles_invalid`.
#[utoipa::path(put, path = paths::user_roles(&UserId::from("{id}")), operation_id = "set_user_roles", tag = "users",
    params(("id" = String, Path, description = "User id")),
    request_body = SetRolesRequest,
    responses(
        (status = 200, description = "The updated user.", body = User),
        (status = 404, description = "`not_found`: no such user in your organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: it would leave no administrator.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["users.manage"])))]
pub async fn set_roles(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<UserId>,
    Json(req): Json<SetRolesRequest>,
) -> ApiResult<axum::Json<User>> {
    session.require(Permission::UsersManage)?;
    let roles = req.parse(session.org_kind).map_err(AppError::validation)?;

    let mut tx = db::begin_write(&state.db).await?;
    let target = find_target(&mut tx, &session, &id).await?;
    ensure_an_administrator_remains(
        &mut tx,
        &session,
        &target,
        target.user.active,
        roles.as_slice(),
    )
    .await?;
    users::set_roles(&mut tx, &id, roles.as_slice()).await?;
    let user = reload(&mut tx, &id).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: "user.roles_changed",
            target: Some(&user.email),
            details: json!({ "user_id": user.id, "before": target.user.roles, "after": user.roles }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(user))
}

/// Deactivates a user and ends their sessions. Permission: `users.manage`. 409 for your own
/// account or the last administrator.
#[utoipa::path(post, path = paths::user_deactivate(&UserId::from("{id}")), operation_id = "deactivate_user", tag = "users",
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, description = "The deactivated user.", body = User),
        (status = 404, description = "`not_found`: no such user in your organisation.", body = guichet_domain::ApiErrorBody),
        (status = 409, description = "`conflict`: your own account, or the last administrator.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["users.manage"])))]
pub async fn deactivate(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<UserId>,
) -> ApiResult<axum::Json<User>> {
    set_active(state, session, id, false).await
}

/// Reactivates a user. Permission: `users.manage`.
#[utoipa::path(post, path = paths::user_reactivate(&UserId::from("{id}")), operation_id = "reactivate_user", tag = "users",
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, description = "The reactivated user.", body = User),
        (status = 404, description = "`not_found`: no such user in your organisation.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["users.manage"])))]
pub async fn reactivate(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<UserId>,
) -> ApiResult<axum::Json<User>> {
    set_active(state, session, id, true).await
}

async fn set_active(
    state: AppState,
    session: Session,
    id: UserId,
    active: bool,
) -> ApiResult<axum::Json<User>> {
    session.require(Permission::UsersManage)?;
    let mut tx = db::begin_write(&state.db).await?;
    let target = find_target(&mut tx, &session, &id).await?;
    if target.user.active == active {
        return Ok(axum::Json(target.user));
    }
    if !active {
        if target.user.id == session.user.id {
            return Err(AppError::conflict(
                messages::OWN_ACCOUNT,
                "You cannot deactivate your own account.",
            ));
        }
        ensure_an_administrator_remains(&mut tx, &session, &target, false, &target.user.roles)
            .await?;
        session::revoke_all(&mut tx, &id, None).await?;
    }
    users::set_active(&mut tx, &id, active).await?;
    let user = reload(&mut tx, &id).await?;
    audit::record(
        &mut tx,
        audit::NewEntry {
            org_id: &session.org_id,
            actor: session.actor(),
            action: if active {
                "user.reactivated"
            } else {
                "user.deactivated"
            },
            target: Some(&user.email),
            details: json!({ "user_id": user.id }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(user))
}

/// Users of other organisations answer 404, exactly like ids that do not exist.
async fn find_target(conn: &mut Conn, session: &Session, id: &UserId) -> ApiResult<UserRecord> {
    users::find_in_org(conn, &session.org_id, id)
        .await?
        .ok_or_else(AppError::not_found)
}

async fn reload(conn: &mut Conn, id: &UserId) -> ApiResult<User> {
    Ok(users::find(conn, id)
        .await?
        .ok_or_else(AppError::not_found)?
        .user)
}

fn administers(active: bool, roles: &[Role]) -> bool {
    active && roles.iter().any(|r| r.administers())
}

/// The "last administrator" rule: an organisation never loses its last active user who can
/// manage users, or nobody could ever fix its roles again.
async fn ensure_an_administrator_remains(
    conn: &mut Conn,
    session: &Session,
    target: &UserRecord,
    active_after: bool,
    roles_after: &[Role],
) -> ApiResult<()> {
    let loses_admin = administers(target.user.active, &target.user.roles)
        && !administers(active_after, roles_after);
    if loses_admin && users::other_active_admins(conn, &session.org_id, &target.user.id).await? == 0
    {
        return Err(AppError::conflict(
            messages::LAST_ADMIN,
            "This is the organisation's last active administrator: give another user an administrator role first.",
        ));
    }
    Ok(())
}
