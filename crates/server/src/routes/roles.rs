use axum::extract::State;
use guichet_domain::api::RoleSummary;
use guichet_domain::{paths, Permission, Role};

use crate::auth::Session;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::store::users;

/// The roles the caller's organisation hands out, each with its permissions and the number of
/// active users holding it. Permission: `users.read`.
#[utoipa::path(get, path = paths::ROLES, operation_id = "list_roles", tag = "users",
    responses((status = 200, description = "Roles of your organisation's kind.", body = Vec<RoleSummary>)),
    security(("session" = ["users.read"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<RoleSummary>>> {
    session.require(Permission::UsersRead)?;
    let mut conn = state.db.acquire().await?;
    let counts = users::active_role_counts(&mut conn, &session.org_id).await?;
    let summaries = Role::for_org(session.org_kind)
        .iter()
        .map(|&role| RoleSummary {
            role,
            permissions: role.permissions().to_vec(),
            user_count: counts.get(&role).copied().unwrap_or(0),
        })
        .collect();
    Ok(axum::Json(summaries))
}
