use guichet_domain::api::Organisation;
use guichet_domain::OrgId;
use guichet_domain::OrgKind;

use super::Conn;
use crate::error::AppError;
use crate::time;

#[derive(sqlx::FromRow)]
struct OrgRow {
    id: OrgId,
    slug: String,
    name: String,
    kind: String,
    currency: Option<String>,
    time_zone: String,
}

impl TryFrom<OrgRow> for Organisation {
    type Error = AppError;

    fn try_from(r: OrgRow) -> Result<Self, AppError> {
        Ok(Organisation {
            kind: parse_kind(&r.kind)?,
            id: r.id,
            slug: r.slug,
            name: r.name,
            currency: r.currency,
            time_zone: r.time_zone,
        })
    }
}

pub fn kind_str(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Provider => "provider",
        OrgKind::Merchant => "merchant",
    }
}

fn parse_kind(s: &str) -> Result<OrgKind, AppError> {
    match s {
        "provider" => Ok(OrgKind::Provider),
        "merchant" => Ok(OrgKind::Merchant),
        other => Err(AppError::internal(format_args!(
            "unknown organisation kind {other:?}"
        ))),
    }
}

pub async fn get(conn: &mut Conn, id: &OrgId) -> Result<Organisation, AppError> {
    let row: OrgRow = sqlx::query_as(
        "SELECT id, slug, name, kind, currency, time_zone FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    row.try_into()
}

pub async fn count(conn: &mut Conn) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(conn)
        .await?)
}

pub struct NewOrg<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: OrgKind,
    pub currency: Option<&'a str>,
    pub time_zone: &'a str,
    pub ticket_prefix: Option<&'a str>,
}

/// Returns the new organisation's id. A merchant names the provider whose desk takes its tickets.
pub async fn insert(
    conn: &mut Conn,
    org: &NewOrg<'_>,
    provider_id: Option<&OrgId>,
) -> Result<OrgId, AppError> {
    let id: OrgId = super::new_id();
    sqlx::query(
        "INSERT INTO organisations (id, slug, name, kind, currency, time_zone, ticket_prefix, provider_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(org.slug)
    .bind(org.name)
    .bind(kind_str(org.kind))
    .bind(org.currency)
    .bind(org.time_zone)
    .bind(org.ticket_prefix)
    .bind(provider_id)
    .bind(time::to_db(time::now()))
    .execute(conn)
    .await?;
    Ok(id)
}

/// The provider a merchant files tickets with: what numbering needs.
#[derive(sqlx::FromRow)]
pub struct Provider {
    pub id: OrgId,
    pub ticket_prefix: String,
    pub time_zone: String,
}

pub async fn provider_of(
    conn: &mut Conn,
    merchant_id: &OrgId,
) -> Result<Option<Provider>, AppError> {
    Ok(sqlx::query_as(
        "SELECT p.id, p.ticket_prefix, p.time_zone FROM organisations m \
         JOIN organisations p ON p.id = m.provider_id \
         WHERE m.id = $1 AND p.ticket_prefix IS NOT NULL",
    )
    .bind(merchant_id)
    .fetch_optional(conn)
    .await?)
}
