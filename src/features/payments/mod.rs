//! Purchases and refunds: the purchases list (its view kept in the address, drawn a window at a
//! time), a purchase and the refunds asked of it, a refund with its decision under the
//! four-eyes principle, and the approvals inbox.

pub mod approvals_page;
pub mod model;
pub mod payment_timeline;
pub mod purchase_filters;
pub mod purchase_list;
pub mod purchase_page;
pub mod purchase_row;
pub mod purchases_page;
pub mod refund_actions;
pub mod refund_form;
pub mod refund_list;
pub mod refund_page;
pub mod refund_table;
pub mod refunds_page;
pub mod texts;

pub use approvals_page::ApprovalsPage;
pub use purchase_page::PurchasePage;
pub use purchases_page::PurchasesPage;
pub use refund_page::RefundPage;
pub use refunds_page::RefundsPage;

use guichet_domain::api::Me;
use guichet_domain::Currency;

/// The organisation's zone, which days and times are read in.
fn time_zone(me: Option<&Me>) -> String {
    me.map_or_else(|| "UTC".to_owned(), |me| me.organisation.time_zone.clone())
}

/// The organisation's currency, which amounts are typed in.
fn currency(me: Option<&Me>) -> Currency {
    me.and_then(|me| me.organisation.currency.as_deref())
        .and_then(Currency::parse)
        .unwrap_or(Currency::Xof)
}
