//! Balances, settlements and payouts: what the provider charges ([`pricing`], with the rounding
//! rule), the business days settlements and payouts count on ([`calendar`]), and the ledger's
//! accounts and a day's settlement ([`settlement`]).

pub mod calendar;
pub mod pricing;
pub mod settlement;

pub use calendar::BusinessCalendar;
pub use pricing::{Charge, Country, Fee, Pricing, Rate};
pub use settlement::{Account, SettlementInput, SettlementLines};
