//! Balances and settlements: a merchant's accounts and the next settlement's estimate, and
//! the settlements that ran, line by line.

use guichet_domain::api::Page;
use guichet_domain::balances::{Balances, Settlement};
use guichet_domain::{paths, SettlementId};

use super::{http, ApiError};

/// The main, shop, reserve and owed accounts, the reserve's releases, the next settlement and
/// the last 30 days' figures.
///
/// HTTP GET /balances
pub async fn balances() -> Result<Balances, ApiError> {
    http::get(paths::BALANCES).await
}

/// A page of the organisation's settlements, newest first: the first without a `cursor`, then
/// the one after the page whose `next_cursor` it is.
///
/// HTTP GET /settlements
pub async fn settlements(cursor: Option<&str>) -> Result<Page<Settlement>, ApiError> {
    let params: Vec<(&str, String)> = cursor
        .map(|cursor| ("cursor", cursor.to_owned()))
        .into_iter()
        .collect();
    http::get_query(paths::SETTLEMENTS, &params).await
}

/// HTTP GET /settlements/{id}
pub async fn settlement(id: &SettlementId) -> Result<Settlement, ApiError> {
    http::get(&paths::settlement(id)).await
}
