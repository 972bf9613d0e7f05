//! The vocabulary shared by the Guichet web app and any server implementing its contract.
//!
//! Everything here compiles for `wasm32-unknown-unknown` and the host, so a rule that both the
//! browser and the server check is written once.

pub mod api;
pub mod audit;
pub mod balances;
pub mod connectors;
pub mod developers;
pub mod entries;
pub mod error;
pub mod ids;
pub mod language;
pub mod messages;
pub mod money;
pub mod paths;
pub mod payments;
pub mod roles;
pub mod tickets;
pub mod validate;

pub use audit::AuditAction;
pub use entries::Entry;
pub use error::{ApiErrorBody, ErrorCode, ErrorDetail, FieldErrors};
pub use ids::{
    ApiKeyId, AttachmentId, AuditEntryId, InvoiceId, MailId, MessageId, OrgId, PayoutAccountId,
    PayoutId, PurchaseId, RefundId, SettlementId, TicketId, UserId,
};
pub use language::Language;
pub use money::{Currency, Money};
pub use roles::{OrgKind, Permission, Role};
