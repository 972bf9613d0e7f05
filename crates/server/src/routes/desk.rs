//! The provider's support desk: who can take tickets, the merchants who filed them, the desk's
//! figures, and the notifications sent to requesters.

use axum::extract::State;
use chrono::TimeDelta;
use guichet_domain::tickets::{
    DeskStats, Merchant, OutboxMail, Person, TicketFilter, Urgency, UrgencyStats,
};
use guichet_domain::{paths, OrgId, OrgKind, Permission};

use crate::auth::Session;
use crate::error::{ApiResult, AppError};
use crate::state::AppState;
use crate::store::tickets::{self as store, Paging, Scope};
use crate::store::{conversation, outbox, users};
use crate::time;

fn desk(session: &Session) -> ApiResult<&OrgId> {
    session.require(Permission::DeskRead)?;
    if session.org_kind != OrgKind::Provider {
        return Err(AppError::forbidden());
    }
    Ok(&session.org_id)
}

/// The desk's active engineers, who may be assigned tickets. Permission: `desk.read`.
#[utoipa::path(get, path = paths::DESK_AGENTS, operation_id = "list_desk_agents", tag = "desk",
    responses((status = 200, description = "Engineers, by name.", body = Vec<Person>)),
    security(("session" = ["desk.read"])))]
pub async fn agents(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<Person>>> {
    let org = desk(&session)?;
    let mut conn = state.db.acquire().await?;
    let people = users::list_in_org(&mut conn, org)
        .await?
        .into_iter()
        .filter(|u| {
            u.active
                && u.roles
                    .iter()
                    .any(|r| r.permissions().contains(&Permission::DeskWork))
        })
        .map(|u| Person {
            id: u.id,
            name: u.name,
        })
        .collect();
    Ok(axum::Json(people))
}

/// The merchant organisations that filed tickets with the desk, by name: the options of the
/// queue's merchant filter. Permission: `desk.read`.
#[utoipa::path(get, path = paths::DESK_MERCHANTS, operation_id = "list_desk_merchants", tag = "desk",
    responses((status = 200, description = "Merchants, by name.", body = Vec<Merchant>)),
    security(("session" = ["desk.read"])))]
pub async fn merchants(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<Merchant>>> {
    let org = desk(&session)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(store::merchants(&mut conn, org).await?))
}

/// Breaches, median response and resolution times by urgency, and the ratings given at
/// closure, over every ticket filed with the desk. Permission: `desk.read`.
#[utoipa::path(get, path = paths::DESK_STATS, operation_id = "desk_stats", tag = "desk",
    responses((status = 200, description = "The desk's figures.", body = DeskStats)),
    security(("session" = ["desk.read"])))]
pub async fn stats(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<DeskStats>> {
    let org = desk(&session)?;
    let scope = Scope::Desk(org);
    let mut conn = state.db.acquire().await?;
    let rows = store::list(&mut conn, scope, &TicketFilter::default(), Paging::ALL).await?;
    let mut pauses = store::pauses(&mut conn, scope).await?;
    let now = time::now();
    let mut by_urgency = Vec::new();
    for urgency in Urgency::ALL {
        let (mut open, mut breached) = (0, 0);
        let (mut responses, mut resolutions) = (Vec::new(), Vec::new());
        for row in rows.iter().filter(|r| r.urgency == urgency.as_str()) {
            let t = row.summary(pauses.remove(&row.id).unwrap_or_default(), now, false)?;
            open += u32::from(t.status.is_open());
            breached += u32::from(t.sla.response_breached || t.sla.resolution_breached);
            let since = |at: &Option<String>| -> ApiResult<Option<TimeDelta>> {
                Ok(at
                    .as_deref()
                    .map(time::from_db)
                    .transpose()?
                    .map(|at| at - t.created_at))
            };
            responses.extend(since(&row.first_response_at)?);
            resolutions.extend(since(&row.resolved_at)?);
        }
        by_urgency.push(UrgencyStats {
            urgency,
            open,
            breached,
            median_response_minutes: median_minutes(responses),
            median_resolution_minutes: median_minutes(resolutions),
        });
    }
    let ratings = conversation::ratings(&mut conn, org).await?;
    let count = u32::try_from(ratings.len()).map_err(AppError::internal)?;
    Ok(axum::Json(DeskStats {
        by_urgency,
        ratings: count,
        average_rating: (count > 0).then(|| ratings.iter().sum::<i64>() as f64 / f64::from(count)),
    }))
}

/// The lower median, in whole minutes.
fn median_minutes(mut spans: Vec<TimeDelta>) -> Option<i64> {
    spans.sort();
    spans
        .get(spans.len().saturating_sub(1) / 2)
        .map(TimeDelta::num_minutes)
}

/// The most recent notifications to requesters, newest first (at most 200). Permission:
/// `desk.read`.
#[utoipa::path(get, path = paths::DESK_OUTBOX, operation_id = "list_outbox", tag = "desk",
    responses((status = 200, description = "Notifications.", body = Vec<OutboxMail>)),
    security(("session" = ["desk.read"])))]
pub async fn outbox_list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<axum::Json<Vec<OutboxMail>>> {
    let org = desk(&session)?;
    let mut conn = state.db.acquire().await?;
    Ok(axum::Json(outbox::list(&mut conn, org, 200).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_spans() {
        let m = |v: &[i64]| median_minutes(v.iter().map(|&x| TimeDelta::minutes(x)).collect());
        assert_eq!(m(&[]), None);
        assert_eq!(m(&[30]), Some(30));
        assert_eq!(m(&[90, 10, 30]), Some(30));
        assert_eq!(m(&[40, 10, 30, 20]), Some(20));
    }
}
