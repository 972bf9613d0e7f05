//! The paths of `/api/v1`, relative to the API base; the server routes on the same strings.

use crate::ids::{
    ApiKeyId, AttachmentId, InvoiceId, PayoutAccountId, PayoutId, PurchaseId, RefundId,
    SettlementId, TicketId, UserId,
};

pub const PREFIX: &str = "/api/v1";

pub const LOGIN: &str = "/auth/login";
pub const LOGOUT: &str = "/auth/logout";
pub const PASSWORD_RESET: &str = "/auth/password-reset";
pub const PASSWORD_RESET_CONFIRM: &str = "/auth/password-reset/confirm";
pub const ME: &str = "/me";
pub const SESSION: &str = "/session";
pub const ME_PASSWORD: &str = "/me/password";
pub const ME_LANGUAGE: &str = "/me/language";
pub const USERS: &str = "/users";
pub const ROLES: &str = "/roles";
pub const AUDIT: &str = "/audit";
pub const HEALTH: &str = "/health";
pub const OPENAPI: &str = "/openapi.json";
pub const TICKETS: &str = "/tickets";
pub const TICKET_FIELDS: &str = "/tickets/fields";
pub const TICKETS_UNREAD: &str = "/tickets/unread";
pub const ATTACHMENTS: &str = "/attachments";
pub const DESK_AGENTS: &str = "/desk/agents";
pub const DESK_STATS: &str = "/desk/stats";
pub const DESK_OUTBOX: &str = "/desk/outbox";
pub const DESK_MERCHANTS: &str = "/desk/merchants";
pub const PURCHASES: &str = "/purchases";
/// The purchases list's current view as CSV.
pub const PURCHASES_EXPORT: &str = "/purchases/export";
pub const REFUNDS: &str = "/refunds";
pub const BALANCES: &str = "/balances";
pub const SETTLEMENTS: &str = "/settlements";
/// Every transaction of a period, as CSV, streamed.
pub const REPORT_TRANSACTIONS: &str = "/reports/transactions";
pub const REPORT_RECONCILIATION: &str = "/reports/reconciliation";
pub const PAYOUT_ACCOUNTS: &str = "/payout-accounts";
pub const PAYOUTS: &str = "/payouts";
/// What may be paid out now.
pub const PAYOUTS_AVAILABLE: &str = "/payouts/available";
pub const INVOICES: &str = "/invoices";
/// The organisation's API keys.
pub const API_KEYS: &str = "/api-keys";
/// The key a request presents (`Authorization: Bearer`): what it is and may do.
pub const API_KEY_CURRENT: &str = "/api-keys/current";
/// The working keys' names and fingerprints, for the ticket wizard.
pub const API_KEY_FINGERPRINTS: &str = "/api-keys/fingerprints";
/// The operators whose credentials a merchant may save, with the fields each needs.
pub const CONNECTOR_OPERATORS: &str = "/connectors/operators";
/// Checks a set of connector credentials with the operator, saving nothing.
pub const CONNECTOR_CHECK: &str = "/connectors/check";
/// How many refunds wait for the caller's decision.
pub const REFUNDS_TO_DECIDE: &str = "/refunds/to-decide";

pub fn api_key_roll(id: &ApiKeyId) -> String {
    format!("/api-keys/{id}/roll")
}

pub fn api_key_revoke(id: &ApiKeyId) -> String {
    format!("/api-keys/{id}/revoke")
}

pub fn user_roles(id: &UserId) -> String {
    format!("/users/{id}/roles")
}

pub fn user_deactivate(id: &UserId) -> String {
    format!("/users/{id}/deactivate")
}

pub fn user_reactivate(id: &UserId) -> String {
    format!("/users/{id}/reactivate")
}

pub fn ticket(id: &TicketId) -> String {
    format!("/tickets/{id}")
}

/// A ticket's sub-resource: `messages`, `triage`, `assign`, `status`, `feedback`, `follow-up`.
pub fn ticket_action(id: &TicketId, action: &str) -> String {
    format!("/tickets/{id}/{action}")
}

pub fn purchase(id: &PurchaseId) -> String {
    format!("/purchases/{id}")
}

/// `POST`: asks for a refund of the purchase.
pub fn purchase_refunds(id: &PurchaseId) -> String {
    format!("/purchases/{id}/refunds")
}

pub fn refund(id: &RefundId) -> String {
    format!("/refunds/{id}")
}

pub fn settlement(id: &SettlementId) -> String {
    format!("/settlements/{id}")
}

pub fn payout(id: &PayoutId) -> String {
    format!("/payouts/{id}")
}

pub fn invoice(id: &InvoiceId) -> String {
    format!("/invoices/{id}")
}

/// An invoice as a file: `?format=csv` or `csv_fr`.
pub fn invoice_download(id: &InvoiceId) -> String {
    format!("/invoices/{id}/download")
}

/// A payout's decision: `approve`, `reject`, `cancel`.
pub fn payout_action(id: &PayoutId, action: &str) -> String {
    format!("/payouts/{id}/{action}")
}

/// A payout account's decision: `approve`, `reject`.
pub fn payout_account_action(id: &PayoutAccountId, action: &str) -> String {
    format!("/payout-accounts/{id}/{action}")
}

/// A refund's decision or step: `approve`, `reject`, `retry`.
pub fn refund_action(id: &RefundId, action: &str) -> String {
    format!("/refunds/{id}/{action}")
}

pub fn attachment(id: &AttachmentId) -> String {
    format!("/attachments/{id}")
}

/// Header names of the contract.
pub mod headers {
    pub const REQUEST_ID: &str = "x-request-id";
    pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
    pub const CSRF_TOKEN: &str = "x-csrf-token";
    /// Set on a response replayed from an earlier request with the same Idempotency-Key.
    pub const IDEMPOTENT_REPLAYED: &str = "idempotent-replayed";
}
