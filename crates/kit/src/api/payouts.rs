//! Payouts (« Demander un paiement ») and the accounts they go to: what may be paid out, the
//! payouts read by cursor, asking for one, the decisions on it; the payout accounts, adding or
//! changing one, and the decisions on it. Every step takes the `Idempotency-Key` of its intent.

use chrono::NaiveDate;
use guichet_domain::api::Page;
use guichet_domain::balances::payouts::{
    Available, NewPayout, NewPayoutAccount, Payout, PayoutAccount,
};
use guichet_domain::payments::RefundRejection;
use guichet_domain::{paths, PayoutAccountId, PayoutId};

use super::{http, ApiError, IdempotencyKey};

/// The main balance, what the payouts asked for hold of it, what may be paid out now, the
/// merchant's today, and when a payout asked for now for the day `on` (today without one) is
/// expected, on the merchant's business calendar.
///
/// HTTP GET /payouts/available
pub async fn available(on: Option<NaiveDate>) -> Result<Available, ApiError> {
    let params: Vec<(&str, String)> = on.map(|on| ("on", on.to_string())).into_iter().collect();
    http::get_query(paths::PAYOUTS_AVAILABLE, &params).await
}

/// A page of the organisation's payouts, newest first: the first without a `cursor`, then the
/// one after the page whose `next_cursor` it is.
///
/// HTTP GET /payouts
pub async fn payouts(cursor: Option<&str>) -> Result<Page<Payout>, ApiError> {
    let params: Vec<(&str, String)> = cursor
        .map(|cursor| ("cursor", cursor.to_owned()))
        .into_iter()
        .collect();
    http::get_query(paths::PAYOUTS, &params).await
}

/// Asks for a payout; its amount is held at once, and another person approves it.
///
/// HTTP POST /payouts
pub async fn ask(payout: &NewPayout, key: &IdempotencyKey) -> Result<Payout, ApiError> {
    http::post(paths::PAYOUTS, payout, Some(key)).await
}

/// Approves someone else's payout: it leaves on its day.
///
/// HTTP POST /payouts/{id}/approve
pub async fn approve(id: &PayoutId, key: &IdempotencyKey) -> Result<Payout, ApiError> {
    http::post(&paths::payout_action(id, "approve"), &(), Some(key)).await
}

/// Withdraws a payout before it is approved; its amount is available again.
///
/// HTTP POST /payouts/{id}/cancel
pub async fn cancel(id: &PayoutId, key: &IdempotencyKey) -> Result<Payout, ApiError> {
    http::post(&paths::payout_action(id, "cancel"), &(), Some(key)).await
}

/// Rejects someone else's payout, with the reason the requester reads.
///
/// HTTP POST /payouts/{id}/reject
pub async fn reject(
    id: &PayoutId,
    rejection: &RefundRejection,
    key: &IdempotencyKey,
) -> Result<Payout, ApiError> {
    http::post(&paths::payout_action(id, "reject"), rejection, Some(key)).await
}

/// The organisation's payout accounts, pending and active first; numbers masked.
///
/// HTTP GET /payout-accounts
pub async fn accounts() -> Result<Vec<PayoutAccount>, ApiError> {
    http::get(paths::PAYOUT_ACCOUNTS).await
}

/// Asks for a new payout account, or a change of one: pending until another person approves.
///
/// HTTP POST /payout-accounts
pub async fn ask_account(
    account: &NewPayoutAccount,
    key: &IdempotencyKey,
) -> Result<PayoutAccount, ApiError> {
    http::post(paths::PAYOUT_ACCOUNTS, account, Some(key)).await
}

/// Approves someone else's payout account (and retires the one it replaces, if any).
///
/// HTTP POST /payout-accounts/{id}/approve
pub async fn approve_account(
    id: &PayoutAccountId,
    key: &IdempotencyKey,
) -> Result<PayoutAccount, ApiError> {
    http::post(&paths::payout_account_action(id, "approve"), &(), Some(key)).await
}

/// Rejects someone else's payout account, saying why.
///
/// HTTP POST /payout-accounts/{id}/reject
pub async fn reject_account(
    id: &PayoutAccountId,
    rejection: &RefundRejection,
    key: &IdempotencyKey,
) -> Result<PayoutAccount, ApiError> {
    http::post(
        &paths::payout_account_action(id, "reject"),
        rejection,
        Some(key),
    )
    .await
}
