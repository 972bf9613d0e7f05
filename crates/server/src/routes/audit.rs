use axum::extract::State;
use chrono::{DateTime, Utc};
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
    /// Only this action code, e.g. `user.roles_changed`.
    action: Option<String>,
    /// Only the actors whose name or e-mail address holds this text (any case).
    who: Option<String>,
    /// Only entries from this instant on (RFC 3339).
    since: Option<DateTime<Utc>>,
    /// Only entries before this instant (RFC 3339).
    until: Option<DateTime<Utc>>,
}

/// The organisation's audit log, newest first, filtered by action, person and time. Each entry
/// names its actor as they are named today. Permission: `audit.read`.
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
    let filter = audit::Filter {
        action: q.action.as_deref(),
        who: q.who.as_deref(),
        since: q.since,
        until: q.until,
    };
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(
        audit::page(
            &mut conn,
            &session.org_id,
            &filter,
            q.before.as_deref(),
            limit,
        )
        .await?,
    ))
}
