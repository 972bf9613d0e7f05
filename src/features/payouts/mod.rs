//! Payouts (« Demander un paiement »): what may be paid out, asking for a payout to an approved
//! account after a review of what will be asked and when it is expected, the payouts read by
//! cursor with their decisions (approve, reject, cancel), and the payout accounts, each new or
//! changed one waiting for a second person's approval; and what of them waits for the viewer's
//! decision, for the « To approve » page.

pub mod account_form;
pub mod account_list;
pub mod available_card;
pub mod book;
pub mod decision_buttons;
pub mod decision_dialog;
pub mod model;
pub mod payout_form;
pub mod payout_review;
pub mod payout_table;
pub mod payouts_page;
pub mod texts;
pub mod to_decide;

pub use payouts_page::PayoutsPage;
pub use to_decide::PayoutsToDecide;

use crate::state::session::use_session;

/// The organisation's zone, which days and times are read in.
fn time_zone() -> String {
    use_session().time_zone_untracked()
}
