//! The provider's support desk: who can take tickets, the merchants who filed them, the desk's
//! figures, and the notifications sent to requesters.

use axum::extract::State;
use chrono::{NaiveTime, TimeDelta, TimeZone, Utc};
use guichet_domain::tickets::{
    DeskStats, Figures, GroupStats, Merchant, OutboxMail, Period, Person, TicketFilter,
    TicketSummary, Urgency, UrgencyStats,
};
use guichet_domain::{paths, OrgId, OrgKind, Permission};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::Session;
use crate::error::{ApiResult, AppError};
use crate::extract::ApiQuery;
use crate::state::AppState;
use crate::store::tickets::{self as store, Paging, Scope, TicketRow};
use crate::store::{conversation, jobs, orgs, outbox, users};
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

/// `GET /desk/stats` parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// `today` (in the provider's time zone), `7d`, `30d` or `all` (the default): the tickets
    /// counted are those filed in the period.
    period: Option<Period>,
}

/// The desk's figures over a period: tickets filed, open and breached, the median response and
/// resolution times with how many tickets each is taken over, by urgency, by engineer and by
/// merchant; and the ratings given at closure. Permission: `desk.read`.
#[utoipa::path(get, path = paths::DESK_STATS, operation_id = "desk_stats", tag = "desk",
    params(StatsQuery),
    responses((status = 200, description = "The desk's figures.", body = DeskStats)),
    security(("session" = ["desk.read"])))]
pub async fn stats(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(q): ApiQuery<StatsQuery>,
) -> ApiResult<axum::Json<DeskStats>> {
    let org = desk(&session)?;
    let period = q.period.unwrap_or_default();
    let scope = Scope::Desk(org);
    let now = time::now();
    let mut conn = state.db.acquire().await?;
    let since = match period {
        Period::All => None,
        Period::Week => Some(now - TimeDelta::days(7)),
        Period::Month => Some(now - TimeDelta::days(30)),
        Period::Today => {
            let zone: chrono_tz::Tz = orgs::get(&mut conn, org)
                .await?
                .time_zone
                .parse()
                .unwrap_or(chrono_tz::UTC);
            let midnight = now
                .with_timezone(&zone)
                .date_naive()
                .and_time(NaiveTime::MIN);
            zone.from_local_datetime(&midnight)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        }
    };
    let rows = store::list(&mut conn, scope, &TicketFilter::default(), Paging::ALL).await?;
    let mut pauses = store::pauses(&mut conn, scope).await?;
    let mut tickets = Vec::new();
    for row in rows {
        let summary = row.summary(pauses.remove(&row.id).unwrap_or_default(), now, false)?;
        if since.is_none_or(|since| summary.created_at >= since) {
            tickets.push(Counted::of(row, summary)?);
        }
    }
    let by_urgency = Urgency::ALL
        .into_iter()
        .map(|urgency| UrgencyStats {
            urgency,
            figures: figures(tickets.iter().filter(|t| t.summary.urgency == urgency)),
        })
        .collect();
    let group = |key: fn(&TicketSummary) -> Option<(String, String)>| {
        let mut names: Vec<(String, String)> =
            tickets.iter().filter_map(|t| key(&t.summary)).collect();
        names.sort_by(|a, b| {
            a.1.to_lowercase()
                .cmp(&b.1.to_lowercase())
                .then(a.0.cmp(&b.0))
        });
        names.dedup();
        names
            .into_iter()
            .map(|(id, name)| GroupStats {
                figures: figures(
                    tickets
                        .iter()
                        .filter(|t| key(&t.summary).is_some_and(|(k, _)| k == id)),
                ),
                id,
                name,
            })
            .collect::<Vec<_>>()
    };
    let by_agent = group(|t| {
        t.assignee
            .as_ref()
            .map(|a| (a.id.to_string(), a.name.clone()))
    });
    let by_merchant = group(|t| Some((t.merchant.id.to_string(), t.merchant.name.clone())));
    let ratings = conversation::ratings(&mut conn, org, since).await?;
    let count = u32::try_from(ratings.len()).map_err(AppError::internal)?;
    Ok(axum::Json(DeskStats {
        period,
        all: figures(tickets.iter()),
        by_urgency,
        by_agent,
        by_merchant,
        ratings: count,
        average_rating: (count > 0).then(|| ratings.iter().sum::<i64>() as f64 / f64::from(count)),
        background: jobs::backlog(&mut conn, org).await?,
    }))
}

/// A ticket as the figures count it: its summary and how long its answers took.
struct Counted {
    summary: TicketSummary,
    response: Option<TimeDelta>,
    resolution: Option<TimeDelta>,
}

impl Counted {
    fn of(row: TicketRow, summary: TicketSummary) -> ApiResult<Counted> {
        let since = |at: &Option<String>| -> ApiResult<Option<TimeDelta>> {
            Ok(at
                .as_deref()
                .map(time::from_db)
                .transpose()?
                .map(|at| at - summary.created_at))
        };
        Ok(Counted {
            response: since(&row.first_response_at)?,
            resolution: since(&row.resolved_at)?,
            summary,
        })
    }
}

fn figures<'a>(tickets: impl Iterator<Item = &'a Counted>) -> Figures {
    let mut f = Figures::default();
    let (mut responses, mut resolutions) = (Vec::new(), Vec::new());
    for t in tickets {
        f.filed += 1;
        f.open += u32::from(t.summary.status.is_open());
        f.breached +=
            u32::from(t.summary.sla.response_breached || t.summary.sla.resolution_breached);
        responses.extend(t.response);
        resolutions.extend(t.resolution);
    }
    f.responded = responses.len() as u32;
    f.resolved = resolutions.len() as u32;
    f.median_response_minutes = median_minutes(responses);
    f.median_resolution_minutes = median_minutes(resolutions);
    f
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
