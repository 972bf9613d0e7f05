//! Demo data for a new database: the provider EasyTransfert and two merchants, with one user per
//! role, all sharing one password so anyone can try every role, and each merchant's purchases
//! ([`purchases`]).

pub mod purchases;
mod refunds;

use sqlx::Connection;

use guichet_domain::{OrgKind, Role};
use serde_json::json;

use crate::error::AppError;
use crate::store::audit::{self, Actor};
use crate::store::orgs::{self, NewOrg};
use crate::store::settlements;
use crate::store::users::{self, NewUser};
use crate::store::Conn;

pub const PROVIDER_SLUG: &str = "easytransfert";
pub const MERCHANT_SLUGS: [&str; 2] = ["abidjan-shop", "paris-shop"];

struct DemoOrg {
    org: NewOrg<'static>,
    /// A merchant's trade, for its purchases.
    trade: Option<&'static purchases::Trade>,
    /// (role, full name), one user each.
    people: &'static [(Role, &'static str)],
}

const ORGS: [DemoOrg; 3] = [
    DemoOrg {
        org: NewOrg {
            slug: PROVIDER_SLUG,
            name: "EasyTransfert",
            kind: OrgKind::Provider,
            currency: None,
            time_zone: "Africa/Abidjan",
            ticket_prefix: Some("EFB"),
        },
        trade: None,
        people: &[
            (Role::SupportAgent, "Koffi Yao"),
            (Role::SupportLead, "Mariam Traoré"),
        ],
    },
    DemoOrg {
        org: NewOrg {
            slug: "abidjan-shop",
            name: "Abidjan Shop",
            kind: OrgKind::Merchant,
            currency: Some("XOF"),
            time_zone: "Africa/Abidjan",
            ticket_prefix: None,
        },
        trade: Some(&purchases::ABIDJAN),
        people: &[
            (Role::Admin, "Aya Kouassi"),
            (Role::Finance, "Ibrahim Coulibaly"),
            (Role::Operations, "Adjoua N'Guessan"),
            (Role::Developer, "Serge Konan"),
            (Role::Support, "Fatou Bamba"),
            (Role::Viewer, "Yves Kouadio"),
        ],
    },
    DemoOrg {
        org: NewOrg {
            slug: "paris-shop",
            name: "Paris Shop",
            kind: OrgKind::Merchant,
            currency: Some("EUR"),
            time_zone: "Europe/Paris",
            ticket_prefix: None,
        },
        trade: Some(&purchases::PARIS),
        people: &[
            (Role::Admin, "Camille Martin"),
            (Role::Finance, "Julien Bernard"),
            (Role::Operations, "Sophie Dubois"),
            (Role::Developer, "Thomas Laurent"),
            (Role::Support, "Léa Moreau"),
            (Role::Viewer, "Nicolas Petit"),
        ],
    },
];

/// The demo log-in of a role in an organisation, e.g. `finance@abidjan-shop.demo`. Provider staff
/// are `agent@` and `lead@`, as people say.
pub fn email(role: Role, slug: &str) -> String {
    let local = match role {
        Role::SupportAgent => "agent",
        Role::SupportLead => "lead",
        other => other.as_str(),
    };
    format!("{local}@{slug}.demo")
}

/// Every demo log-in, in the order to print them: (organisation name, role, e-mail).
pub fn logins() -> Vec<(&'static str, Role, String)> {
    ORGS.iter()
        .flat_map(|o| {
            o.people
                .iter()
                .map(|(role, _)| (o.org.name, *role, email(*role, o.org.slug)))
        })
        .collect()
}

/// Whether the database is new: demo data goes only into a database without organisations.
pub async fn is_new(conn: &mut Conn) -> Result<bool, AppError> {
    Ok(orgs::count(conn).await? == 0)
}

/// Whether `password` is still the demo users' password (checked on one of them).
pub async fn password_matches(conn: &mut Conn, password: &str) -> Result<bool, AppError> {
    let Some(user) = users::find_by_email(conn, &email(Role::Admin, MERCHANT_SLUGS[0])).await?
    else {
        return Ok(false);
    };
    crate::auth::password::verify(password.to_owned(), Some(user.password_hash)).await
}

/// Purchases each demo merchant gets by default (`GUICHET_DEMO_PURCHASES`).
pub const PURCHASES: usize = 100_000;

/// Inserts the demo data if the database has no organisation yet, with `purchases` purchases
/// per merchant; returns whether it did. `password_hash` is hashed once by the caller and
/// shared: hashing fourteen times would make every start-up (and every test) slow for nothing.
pub async fn seed_if_new(
    conn: &mut Conn,
    password_hash: &str,
    purchases: usize,
) -> Result<bool, AppError> {
    if !is_new(conn).await? {
        return Ok(false);
    }
    let mut provider_id = None;
    // The provider comes first in `ORGS`: its merchants file their tickets with it.
    for demo in &ORGS {
        let org_id = orgs::insert(conn, &demo.org, provider_id.as_ref()).await?;
        if demo.org.kind == OrgKind::Provider {
            provider_id = Some(org_id.clone());
        }
        let mut ids = std::collections::HashMap::new();
        for (role, name) in demo.people {
            let email = email(*role, demo.org.slug);
            let new = NewUser {
                org_id: &org_id,
                email: &email,
                name,
                password_hash,
                roles: &[*role],
                must_change_password: false,
            };
            ids.insert(*role, users::insert(conn, &new).await?);
        }
        if let Some(trade) = demo.trade {
            let generated = purchases::generate(trade, purchases, crate::time::now());
            let mut tx = conn.begin().await?;
            settlements::set_pricing(&mut tx, &org_id, trade.country, &trade.pricing).await?;
            crate::store::purchases::insert_many(&mut tx, &org_id, &trade.pricing, &generated)
                .await?;
            if let (Some(operations), Some(finance)) =
                (ids.get(&Role::Operations), ids.get(&Role::Finance))
            {
                payout_account(&mut tx, &org_id, trade, operations, finance).await?;
                refunds::seed(
                    &mut tx,
                    &org_id,
                    operations,
                    finance,
                    &generated,
                    crate::time::now(),
                )
                .await?;
            }
            tx.commit().await?;
        }
        audit::record(
            conn,
            audit::NewEntry {
                org_id: &org_id,
                actor: Actor::default(),
                action: "organisation.created",
                target: Some(demo.org.slug),
                details: json!({ "demo": true }),
            },
        )
        .await?;
    }
    // The query planner's statistics, now that the tables hold what they will (both SQLite and
    // PostgreSQL choose the purchases list's indexes better with them).
    sqlx::query("ANALYZE").execute(&mut *conn).await?;
    Ok(true)
}

/// The merchant's bank account, asked for by Operations and approved by Finance, so that the
/// demo can pay out at once.
async fn payout_account(
    conn: &mut Conn,
    org: &guichet_domain::OrgId,
    trade: &purchases::Trade,
    asker: &guichet_domain::UserId,
    approver: &guichet_domain::UserId,
) -> Result<(), AppError> {
    use crate::store::payouts::{insert_account, set_account_status, NewAccount};
    use guichet_domain::balances::payouts::{
        check_new_payout_account, AccountKind, AccountStatus, NewPayoutAccount,
    };
    use guichet_domain::balances::Country;
    let (label, number) = match trade.country {
        Country::Fr => ("Compte BNP Paribas", "FR76 3000 6000 0112 3456 7890 189"),
        Country::Ci | Country::Sn => ("Compte SGCI", "CI93 CI00 8011 1301 1342 9120 0589"),
    };
    let (number, masked) = check_new_payout_account(&NewPayoutAccount {
        kind: AccountKind::Bank,
        label: label.to_owned(),
        number: number.to_owned(),
        replaces: None,
    })
    .map_err(|e| AppError::internal(format_args!("demo payout account: {e:?}")))?;
    let id: guichet_domain::PayoutAccountId = crate::store::new_id();
    let now = crate::time::now();
    insert_account(
        conn,
        &NewAccount {
            id: &id,
            org_id: org,
            kind: AccountKind::Bank,
            label,
            number: &number,
            masked: &masked,
            replaces: None,
            requested_by: asker,
            at: now,
        },
    )
    .await?;
    set_account_status(conn, &id, AccountStatus::Active, Some(approver), None, now).await
}
