//! Balances and settlements: the merchant's accounts (the main balance first), the next
//! settlement's estimate, the reserve's releases, the last 30 days as a chart with its figures
//! as a table, the settlements that ran, and one settlement line by line.

pub mod account_card;
pub mod balances_page;
pub mod day_chart;
pub mod model;
pub mod next_settlement;
pub mod reserve_releases;
pub mod settlement_list;
pub mod settlement_page;
pub mod statement_lines;
pub mod texts;

pub use balances_page::BalancesPage;
pub use settlement_page::SettlementPage;

use chrono::NaiveDate;

use crate::i18n::time::{format_day, DayStyle};
use crate::i18n::tr;
use crate::state::locale::current_locale;

/// The days a settlement took, in the current language: one day, or « 4 déc. au 6 déc. ».
fn days_text((from, until): (NaiveDate, NaiveDate), style: DayStyle) -> String {
    let tag = current_locale().tag();
    if from == until {
        format_day(from, tag, style)
    } else {
        tr(
            "settlements.days",
            &[
                ("from", &format_day(from, tag, style)),
                ("until", &format_day(until, tag, style)),
            ],
        )
    }
}
