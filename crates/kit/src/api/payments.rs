//! Purchases and refunds: the list and its CSV, a purchase, asking for a refund, and the
//! decisions and steps on one.

use guichet_domain::api::Page;
use guichet_domain::payments::refunds::RefundsToDecide;
use guichet_domain::payments::{
    NewRefund, PurchaseDetail, PurchaseFilter, PurchasePage, RefundDetail, RefundFilter,
    RefundRejection, RefundSummary,
};
use guichet_domain::{paths, PurchaseId, RefundId};

use super::{http, ApiError, IdempotencyKey};

/// The query parameters of a purchases filter, in a fixed order, empty ones left out. The page
/// keeps the same names in its own address, so that a link and the export show that view.
pub fn purchase_params(filter: &PurchaseFilter) -> Vec<(&'static str, String)> {
    let mut params = Vec::new();
    let mut add = |name: &'static str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            params.push((name, v));
        }
    };
    add("status", filter.status.map(|s| s.as_str().to_owned()));
    add("from", filter.from.map(|d| d.to_string()));
    add("until", filter.until.map(|d| d.to_string()));
    add(
        "min_amount_minor",
        filter.min_amount_minor.map(|n| n.to_string()),
    );
    add(
        "max_amount_minor",
        filter.max_amount_minor.map(|n| n.to_string()),
    );
    add("method", filter.method.map(|m| m.as_str().to_owned()));
    add("q", filter.q.clone());
    add("sort", filter.sort.map(|s| s.as_str().to_owned()));
    params
}

/// `name=value&…`, each value percent-encoded (RFC 3986's unreserved characters kept).
pub fn query_string(params: &[(&str, String)]) -> String {
    params
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A page of the organisation's purchases, 100 at most: the first without a `cursor`, then the
/// one after the page whose `next_cursor` it is.
///
/// HTTP GET /purchases
pub async fn purchases(
    filter: &PurchaseFilter,
    cursor: Option<&str>,
) -> Result<PurchasePage, ApiError> {
    let mut params = purchase_params(filter);
    if let Some(cursor) = cursor {
        params.push(("cursor", cursor.to_owned()));
    }
    http::get_query(paths::PURCHASES, &params).await
}

/// Where the browser downloads the filtered view as CSV (a plain link: the session cookie goes
/// along).
///
/// HTTP GET /purchases/export
pub fn export_url(filter: &PurchaseFilter) -> String {
    let query = query_string(&purchase_params(filter));
    let base = format!("{}{}", http::api_base(), paths::PURCHASES_EXPORT);
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// HTTP GET /purchases/{id}
pub async fn purchase(id: &PurchaseId) -> Result<PurchaseDetail, ApiError> {
    http::get(&paths::purchase(id)).await
}

/// Asks for a refund of the purchase; another employee decides on it.
///
/// HTTP POST /purchases/{id}/refunds
pub async fn ask_refund(
    id: &PurchaseId,
    refund: &NewRefund,
    key: &IdempotencyKey,
) -> Result<RefundDetail, ApiError> {
    http::post(&paths::purchase_refunds(id), refund, Some(key)).await
}

/// A page of the organisation's refunds, newest first.
///
/// HTTP GET /refunds
pub async fn refunds(
    filter: &RefundFilter,
    cursor: Option<&str>,
) -> Result<Page<RefundSummary>, ApiError> {
    let mut params = Vec::new();
    if let Some(status) = filter.status {
        params.push(("status", status.as_str().to_owned()));
    }
    if filter.to_decide == Some(true) {
        params.push(("to_decide", "true".to_owned()));
    }
    if let Some(cursor) = cursor {
        params.push(("cursor", cursor.to_owned()));
    }
    http::get_query(paths::REFUNDS, &params).await
}

/// How many refunds wait for the caller's decision.
///
/// HTTP GET /refunds/to-decide
pub async fn to_decide() -> Result<RefundsToDecide, ApiError> {
    http::get(paths::REFUNDS_TO_DECIDE).await
}

/// HTTP GET /refunds/{id}
pub async fn refund(id: &RefundId) -> Result<RefundDetail, ApiError> {
    http::get(&paths::refund(id)).await
}

/// Approves someone else's request: the operator executes it next.
///
/// HTTP POST /refunds/{id}/approve
pub async fn approve(id: &RefundId, key: &IdempotencyKey) -> Result<RefundDetail, ApiError> {
    http::post(&paths::refund_action(id, "approve"), &(), Some(key)).await
}

/// Rejects a request, with the reason the requester reads.
///
/// HTTP POST /refunds/{id}/reject
pub async fn reject(
    id: &RefundId,
    rejection: &RefundRejection,
    key: &IdempotencyKey,
) -> Result<RefundDetail, ApiError> {
    http::post(&paths::refund_action(id, "reject"), rejection, Some(key)).await
}

/// Asks the operator again now, after a failure.
///
/// HTTP POST /refunds/{id}/retry
pub async fn retry(id: &RefundId, key: &IdempotencyKey) -> Result<RefundDetail, ApiError> {
    http::post(&paths::refund_action(id, "retry"), &(), Some(key)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::payments::{PurchaseSort, PurchaseStatus};

    #[test]
    fn a_filter_becomes_an_encoded_query() {
        assert_eq!(
            query_string(&purchase_params(&PurchaseFilter::default())),
            ""
        );
        let filter = PurchaseFilter {
            status: Some(PurchaseStatus::Completed),
            from: "2026-12-01".parse().ok(),
            min_amount_minor: Some(150_050),
            q: Some("Awa K.&co".into()),
            sort: Some(PurchaseSort::AmountAsc),
            ..PurchaseFilter::default()
        };
        assert_eq!(
            query_string(&purchase_params(&filter)),
            "status=completed&from=2026-12-01&min_amount_minor=150050&q=Awa%20K.%26co&sort=amount_asc"
        );
    }
}
