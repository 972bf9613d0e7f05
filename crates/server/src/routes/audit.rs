use axum::extract::State;
use guichet_domain::api::{AuditEntry, Page};
use guichet_domain::{paths, Permission};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::Session;
use crate::error::ApiResult;
use crate::extract::{page_size, ApiQuery};
use crate::state::AppState;
use crate::store::audit;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// `next_cursor` of the previous page.
    before: Option<String>,
    /// Entries per page: 50 by default, at most 200.
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// The organisation's audit log, newest first. Permission: `audit.read`.
#[utoipa::path(get, path = paths::AUDIT, operation_id = "list_audit", tag = "audit",
    params(AuditQuery),
    responses((status = 200, description = "A page of entries.", body = Page<AuditEntry>)),
    security(("session" = ["audit.read"])))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> ApiResult<axum::Json<Page<AuditEntry>>> {
    session.require(Permission::AuditRead)?;
    let limit = page_size(q.limit, DEFAULT_LIMIT, MAX_LIMIT)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(
        audit::page(&mut conn, &session.org_id, q.before.as_deref(), limit).await?,
    ))
}
